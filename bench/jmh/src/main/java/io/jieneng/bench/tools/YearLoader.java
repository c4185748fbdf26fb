package io.jieneng.bench.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import io.jieneng.devices.cli.CommandLines;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads a year of readings for every meter of one institution through ingest's MQTT endpoint, as the meters
 * themselves would send a backfill: one MQTT 5 connection per meter (its id and secret from the registry file),
 * arrays of readings at QoS 1, a window of unacknowledged messages per connection. Going through ingest means the
 * readings get their arrival markers, which the rollup job works from (docs/ROLLUPS.md).
 *
 * <p>A connection that drops (ingest closes one now and then, see docs/PERFORMANCE.md) is reopened and everything
 * not acknowledged is sent again; stores keep one row per (meter, ts), so resending changes nothing. A refused
 * message (PUBACK reason ≥ 0x80) fails the load.
 *
 * <pre>
 * YearLoader --port P --registry FILE --institution ID [--host 127.0.0.1] [--from 2025-01-01] [--to 2026-01-01]
 *            [--interval-seconds 900] [--per-message 500] [--in-flight 10] [--zone Asia/Shanghai] --out FILE.json
 * </pre>
 * The report holds the readings sent, the seconds and readings/s, and the expected grid import per local month
 * and in total (kWh, from the registers' whole-Wh values), for the benchmark to check the API's answer against.
 */
@Command(name = "YearLoader", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Loads a year of readings of every meter of one institution through ingest's MQTT endpoint.")
public final class YearLoader implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(YearLoader.class);
    private static final long TIMEOUT_MILLIS = 120_000;
    private static final int MAX_RECONNECTS = 50;

    @Option(names = "--host", paramLabel = "HOST", description = "ingest's MQTT host (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "P", required = true, description = "ingest's MQTT port")
    int port;

    @Option(names = "--registry", paramLabel = "FILE", required = true, description = "meter ids and secrets")
    Path registry;

    @Option(names = "--institution", paramLabel = "ID", required = true, description = "whose meters to load")
    String institution;

    @Option(names = "--from", paramLabel = "DATE", description = "first local day (default ${DEFAULT-VALUE})")
    LocalDate from = LocalDate.of(2025, 1, 1);

    @Option(names = "--to", paramLabel = "DATE", description = "day after the last (default ${DEFAULT-VALUE})")
    LocalDate to = LocalDate.of(2026, 1, 1);

    @Option(names = "--interval-seconds", paramLabel = "S",
            description = "between a meter's readings (default ${DEFAULT-VALUE})")
    int intervalSeconds = 900;

    @Option(names = "--per-message", paramLabel = "N", description = "readings per message (default ${DEFAULT-VALUE})")
    int perMessage = 500;

    @Option(names = "--in-flight", paramLabel = "N",
            description = "unacknowledged messages per connection (default ${DEFAULT-VALUE})")
    int inFlight = 10;

    @Option(names = "--zone", paramLabel = "ZONE", description = "the months' time zone (default ${DEFAULT-VALUE})")
    ZoneId zone = ZoneId.of("Asia/Shanghai");

    @Option(names = "--out", paramLabel = "FILE.json", required = true, description = "the report")
    Path out;

    private final AtomicLong readingsAcked = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new YearLoader(), args));
    }

    @Override
    public Integer call() throws Exception {
        long stepMillis = 1000L * intervalSeconds;
        RegistryDocument doc = RegistryDocuments.parse(registry);
        List<Meter> meters = doc.meters().stream().filter(m -> institution.equals(m.institution())).toList();
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("institution " + institution + " has no meters in the registry file");
        }
        List<YearReadings> series = new ArrayList<>();
        for (int i = 0; i < meters.size(); i++) {
            series.add(YearReadings.of(i + 1, from, to, stepMillis, zone));
        }
        LOG.infof("loading %d meters x %d readings (%s .. %s, every %d s) in messages of %d readings", meters.size(),
                series.get(0).count(), from, to, stepMillis / 1000, perMessage);

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(meters.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < meters.size(); i++) {
                Meter m = meters.get(i);
                List<byte[]> payloads = series.get(i).payloads(perMessage);
                done.add(pool.submit(() -> {
                    send(m, payloads);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long readings = (long) series.get(0).count() * meters.size();
        LOG.infof("sent %d readings in %.1f s: %.0f readings/s (%d reconnects)", readings, seconds,
                readings / seconds, reconnects.get());
        writeReport(series, meters.size(), readings, seconds);
        return 0;
    }

    /** Sends one meter's messages in order, with a window of unacknowledged ones, resending after a drop. */
    private void send(Meter meter, List<byte[]> payloads) throws Exception {
        String topic = "meters/" + meter.id() + "/readings";
        int next = 0;
        int attempts = 0;
        while (next < payloads.size()) {
            MqttAsyncClient client = connect(meter);
            Deque<IMqttToken> window = new ArrayDeque<>();
            Deque<Integer> indexes = new ArrayDeque<>();
            try {
                int sent = next;
                while (next < payloads.size()) {
                    while (sent < payloads.size() && window.size() < inFlight) {
                        window.add(client.publish(topic, payloads.get(sent), 1, false));
                        indexes.add(sent++);
                    }
                    IMqttToken token = window.poll();
                    int index = indexes.poll();
                    token.waitForCompletion(TIMEOUT_MILLIS);
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        throw new IllegalStateException("ingest refused a message of " + meter.id()
                                + " with reason 0x" + Integer.toHexString(codes[0]) + "; see its quarantine");
                    }
                    readingsAcked.addAndGet(countReadings(payloads.get(index)));
                    next = index + 1;
                }
                client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
            } catch (MqttException e) {
                if (++attempts > MAX_RECONNECTS) {
                    throw e;
                }
                reconnects.incrementAndGet();
                LOG.warnf("%s: connection lost (%s); resending from message %d", meter.id(), e.getMessage(), next);
            } finally {
                client.close(true);
            }
        }
    }

    private MqttAsyncClient connect(Meter meter) throws MqttException {
        String uri = "tcp://" + host + ":" + port;
        MqttAsyncClient client = new MqttAsyncClient(uri, meter.id(), new MemoryPersistence());
        MqttConnectionOptions connect = new MqttConnectionOptions();
        connect.setUserName(meter.id());
        connect.setPassword(meter.secret().getBytes(StandardCharsets.UTF_8));
        connect.setCleanStart(true);
        connect.setAutomaticReconnect(false);
        connect.setConnectionTimeout(60);
        connect.setKeepAliveInterval(60);
        client.connect(connect).waitForCompletion(TIMEOUT_MILLIS);
        return client;
    }

    private static int countReadings(byte[] payload) {
        int n = 0;
        for (byte b : payload) {
            if (b == '{') {
                n++;
            }
        }
        return n;
    }

    private void writeReport(List<YearReadings> series, int meters, long readings, double seconds)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode();
        report.put("institution", institution);
        report.put("meters", meters);
        report.put("readings", readings);
        report.put("readingsAcknowledged", readingsAcked.get());
        report.put("seconds", Math.round(seconds * 100) / 100.0);
        report.put("readingsPerSecond", Math.round(readings / seconds));
        report.put("reconnects", reconnects.get());
        report.put("from", from.toString());
        report.put("to", to.toString());
        // Expected grid import per local month: sums of whole-Wh register differences, converted once.
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); m.atDay(1).isBefore(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        long[] monthWh = new long[months.size()];
        long totalWh = 0;
        for (YearReadings s : series) {
            long[] wh = s.registerWh();
            for (int i = 0; i < months.size(); i++) {
                long start = months.get(i).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
                long end = months.get(i).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
                monthWh[i] += s.energyWhBetween(wh, Math.max(start, s.fromMillis()), Math.min(end, s.toMillis()));
            }
            totalWh += s.energyWhBetween(wh, s.fromMillis(), s.toMillis());
        }
        ArrayNode expected = report.putArray("expectedGridImportKwhByMonth");
        for (int i = 0; i < months.size(); i++) {
            expected.addObject().put("month", months.get(i).toString()).put("kwh", monthWh[i] / 1000.0);
        }
        report.put("expectedGridImportKwh", totalWh / 1000.0);
        Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        if (readingsAcked.get() < readings) {
            throw new IllegalStateException("only " + readingsAcked.get() + " of " + readings
                    + " readings were acknowledged");
        }
    }
}
