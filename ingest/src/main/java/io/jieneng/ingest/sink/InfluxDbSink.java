package io.jieneng.ingest.sink;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes readings to InfluxDB through the v1 {@code /write} API (1.x, and 2.x/3.x through their v1
 * compatibility), one synchronous request per batch at millisecond precision, then a second request with the
 * batch's arrival markers (docs/ROLLUPS.md). Points carry the registry tags Grafana templates on. InfluxDB keys a
 * point by series and time, so a resent (meter, ts) overwrites itself as long as the meter's registry tags did
 * not change in between.
 */
public final class InfluxDbSink implements ReadingSink {

    // One call, OkHttp's own retries included, never outlasts this: see ReadingSinks.WRITE_ATTEMPT_BOUND.
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final InfluxDB influx;
    private final String database;
    private final Supplier<Registry> registry;
    private final InfluxMarkers markers = new InfluxMarkers(InfluxMarkers.newWriterId("ingest-"));
    private final Clock clock;
    private volatile boolean databaseReady;

    /**
     * @param user     {@code null} when InfluxDB runs without authentication
     * @param registry the current registry snapshot, for the tags
     */
    public InfluxDbSink(String url, String database, String user, String password, Supplier<Registry> registry) {
        this(url, database, user, password, registry, Clock.systemUTC());
    }

    /** @param clock the time of the arrival markers */
    public InfluxDbSink(String url, String database, String user, String password, Supplier<Registry> registry,
                        Clock clock) {
        this.influx = InfluxConnections.connectBounded(url, user, password, CALL_TIMEOUT);
        this.database = database;
        this.registry = registry;
        this.clock = clock;
    }

    /** The value of the {@code writer} tag on this sink's markers. */
    public String writer() {
        return markers.writer();
    }

    @Override
    public void write(List<Reading> batch) {
        ensureDatabase();
        Registry snapshot = registry.get();
        BatchPoints.Builder points = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS);
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
        influx.write(points.build());
        // A separate write, after the readings are durable: a marker never points at readings not yet stored.
        influx.write(markers.points(database, Arrival.of(batch), clock.millis()));
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
        // InfluxDB refuses empty tag values; an absent tag is simply left out.
        if (value != null && !value.isEmpty()) {
            p.tag(name, value);
        }
    }

    private void ensureDatabase() {
        if (databaseReady) {
            return;
        }
        // CREATE DATABASE is idempotent in InfluxDB 1.x.
        QueryResult result = influx.query(new Query("CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\""));
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB refused to create database " + database + ": "
                    + result.getError());
        }
        databaseReady = true;
    }

    @Override
    public boolean isReachable() {
        return InfluxConnections.isReachable(influx);
    }

    @Override
    public void close() {
        influx.close();
    }
}
