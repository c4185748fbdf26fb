package io.jieneng.bench.jmh;

import io.jieneng.devices.loadgen.BenchRegistry;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.influxdb.InfluxLines;
import io.jieneng.store.influxdb.InfluxMarkers;
import io.questdb.client.Sender;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Line-protocol encoding of one ingest batch, per reading: what the store writer thread does between taking a batch
 * and sending it, without the network. A batch is 5,000 readings (JIENENG_INGEST_BATCH_MAX_READINGS) of 1,000 bench
 * meters with the fields the load generator sends, plus the batch's arrival markers.
 *
 * <ul>
 *   <li>{@link #influxDb}: what {@code InfluxDbSink.write} encodes: {@code InfluxLines.encode} of the readings with
 *       their registry tags and its UTF-8 bytes, then the markers ({@code InfluxMarkers}) as line protocol.</li>
 *   <li>{@link #influxDbPointApi}: the same readings through influxdb-java's {@code Point}/{@code BatchPoints} and
 *       {@code BatchPoints.lineProtocol()}, the way the sink encoded them before {@code InfluxLines}: the
 *       comparison that motivated it.</li>
 *   <li>{@link #questDb}: the QuestDB sink has no seam that encodes without a server, so this repeats its loop
 *       ({@code QuestDbSink.write}, to be kept in step) with the QuestDB client's HTTP {@code Sender} filling its
 *       buffer row by row; {@code reset()}
 *       then drops the buffer where the sink would {@code flush()}. The protocol version is fixed here (the sink
 *       asks the server, which needs a connection); {@code protocol} 3 is what the client negotiates with QuestDB 9.2 (its /settings offers 1, 2 and 3).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SinkEncodingBenchmark {

    static final int BATCH = 5_000;
    private static final int METERS = 1_000;

    @Param({"3"})
    public int protocol;

    private Registry registry;
    private List<Reading> batch;
    private InfluxMarkers markers;
    private final InfluxLines lines = new InfluxLines();
    private Sender sender;

    @Setup
    public void setUp() {
        registry = Fixtures.benchRegistry(METERS);
        batch = new ArrayList<>(BATCH);
        // Readings interleave meters the way concurrent connections fill a batch.
        List<List<Reading>> perMeter = new ArrayList<>();
        for (int m = 1; m <= METERS; m++) {
            perMeter.add(Fixtures.readings(BenchRegistry.meterId(m), Fixtures.YEAR_START_MILLIS + m, 1,
                    BATCH / METERS, m));
        }
        for (int k = 0; k < BATCH / METERS; k++) {
            for (List<Reading> readings : perMeter) {
                batch.add(readings.get(k));
            }
        }
        markers = new InfluxMarkers(InfluxMarkers.newWriterId("bench-"));
        // No server behind the address: with auto_flush off and a fixed protocol version nothing connects.
        sender = Sender.fromConfig("http::addr=127.0.0.1:9;auto_flush=off;protocol_version=" + protocol + ";");
    }

    @TearDown
    public void tearDown() {
        sender.reset();
        sender.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[][] influxDb() {
        byte[] readings = lines.encode(batch, registry).getBytes(StandardCharsets.UTF_8);
        byte[] arrivals = markers.points("jieneng", Arrival.of(batch), Fixtures.YEAR_END_MILLIS).lineProtocol()
                .getBytes(StandardCharsets.UTF_8);
        return new byte[][]{readings, arrivals};
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[][] influxDbPointApi() {
        Registry snapshot = registry;
        BatchPoints.Builder points = BatchPoints.database("jieneng").precision(TimeUnit.MILLISECONDS);
        for (Reading r : batch) {
            Point.Builder p = Point.measurement(ReadingSchema.MEASUREMENT).time(r.tsMillis(), TimeUnit.MILLISECONDS)
                    .tag(ReadingSchema.METER, r.meterId());
            snapshot.meter(r.meterId()).ifPresent(m -> tag(p, snapshot, m));
            for (ReadingField f : ReadingField.values()) {
                Double v = r.get(f);
                if (v != null) {
                    p.addField(ReadingSchema.column(f), v.doubleValue());
                }
            }
            points.point(p.build());
        }
        byte[] readings = points.build().lineProtocol().getBytes(StandardCharsets.UTF_8);
        byte[] arrivals = markers.points("jieneng", Arrival.of(batch), Fixtures.YEAR_END_MILLIS).lineProtocol()
                .getBytes(StandardCharsets.UTF_8);
        return new byte[][]{readings, arrivals};
    }

    private static void tag(Point.Builder p, Registry snapshot, Meter m) {
        putTag(p, ReadingSchema.TAG_INSTITUTION, m.institution());
        putTag(p, ReadingSchema.TAG_REGION, Optional.ofNullable(m.institution()).flatMap(snapshot::institution)
                .map(i -> i.region()).orElse(null));
        putTag(p, ReadingSchema.TAG_TYPE, m.type() == null ? null : m.type().json());
        putTag(p, ReadingSchema.TAG_ROLE, m.role() == null ? null : m.role().json());
        putTag(p, ReadingSchema.TAG_SUBITEM, m.subitem() == null ? null : m.subitem().code());
    }

    private static void putTag(Point.Builder p, String name, String value) {
        if (value != null && !value.isEmpty()) {
            p.tag(name, value);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int questDb() {
        String table = ReadingSchema.TABLE;
        for (Reading r : batch) {
            sender.table(table).symbol(ReadingSchema.METER, r.meterId());
            for (ReadingField f : ReadingField.values()) {
                Double v = r.get(f);
                if (v != null) {
                    sender.doubleColumn(ReadingSchema.column(f), v);
                }
            }
            sender.at(r.tsMillis(), ChronoUnit.MILLIS);
        }
        sender.reset();
        String arrivals = ReadingSchema.ARRIVALS;
        List<Arrival> marks = Arrival.of(batch);
        for (Arrival a : marks) {
            sender.table(arrivals).symbol(ReadingSchema.METER, a.meterId())
                    .longColumn(ReadingSchema.FROM_TS, a.fromMillis())
                    .longColumn(ReadingSchema.TO_TS, a.toMillis())
                    .at(Fixtures.YEAR_END_MILLIS, ChronoUnit.MILLIS);
        }
        sender.reset();
        return marks.size();
    }
}
