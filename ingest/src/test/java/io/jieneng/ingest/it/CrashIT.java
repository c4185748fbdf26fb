package io.jieneng.ingest.it;

import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.testing.ChildProcesses;
import io.jieneng.ingest.testing.ResendingPublisher;
import io.jieneng.ingest.testing.StoreCheck;
import io.jieneng.ingest.testing.TestRegistry;
import io.jieneng.ingest.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3's crash test: devices publish at QoS 1 and record every PUBACK; the standalone ingest is killed with
 * SIGKILL mid-run and restarted; the devices reconnect and resend what was never acknowledged; every acknowledged
 * reading is then in the store exactly once.
 */
class CrashIT {

    private static final String[] METERS = {TestRegistry.MAIN, TestRegistry.HVAC, TestRegistry.PV};
    private static final int MESSAGES = 300;
    private static final int READINGS_PER_MESSAGE = 10;

    @TempDir
    Path dir;

    private final List<ResendingPublisher> publishers = new ArrayList<>();
    private Process ingest;

    @AfterEach
    void stop() throws Exception {
        for (ResendingPublisher p : publishers) {
            p.close();
        }
        if (ingest != null) {
            ingest.destroyForcibly().waitFor();
        }
    }

    @Test
    void everyAcknowledgedReadingSurvivesSigkillExactlyOnce() throws Exception {
        String influxUrl = TestServers.influxUrl();
        String database = "crash_" + UUID.randomUUID().toString().replace("-", "");
        try (RegistryDatabase db = RegistryDatabase.open(RegistryDatabase.h2FileUrl(dir), "", "",
                IngestSchema.LOCATIONS)) {
            db.store(new SecretHasher(4)).importDocument(TestRegistry.document());
        }
        int port = ChildProcesses.freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "JIENENG_STORE", "influxdb", "JIENENG_INFLUX_URL", influxUrl, "JIENENG_INFLUX_DB", database,
                "JIENENG_MQTT_HOST", "127.0.0.1", "JIENENG_MQTT_PORT", Integer.toString(port),
                "JIENENG_DATA_DIR", dir.toString(), "JIENENG_BCRYPT_COST", "4",
                "JIENENG_INGEST_BATCH_MAX_DELAY_MS", "20",
                "JIENENG_INGEST_METRICS_PORT", Integer.toString(ChildProcesses.freePort())));
        Path log = dir.resolve("ingest.log");
        ingest = ChildProcesses.startIngest(env, log);
        ChildProcesses.awaitListening(port, Duration.ofSeconds(60), ingest);

        long start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
        for (String meter : METERS) {
            publishers.add(new ResendingPublisher("tcp://127.0.0.1:" + port, meter, MESSAGES, READINGS_PER_MESSAGE,
                    start, 10).start());
        }
        int total = METERS.length * MESSAGES;
        await().atMost(Duration.ofSeconds(60)).until(() -> acked() >= total / 4);

        ingest.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no drain
        int ackedAtKill = acked();
        assertThat(ackedAtKill).as("the kill came mid-run").isLessThan(total);

        ingest = ChildProcesses.startIngest(env, log);
        ChildProcesses.awaitListening(port, Duration.ofSeconds(60), ingest);
        await().atMost(Duration.ofSeconds(120)).until(() -> publishers.stream().allMatch(ResendingPublisher::done));

        assertThat(publishers).allSatisfy(p -> assertThat(p.connects()).as("reconnected after the kill")
                .isGreaterThanOrEqualTo(2));
        for (ResendingPublisher p : publishers) {
            StoreCheck.assertExactlyOnce(influxUrl, database, p);
        }
    }

    private int acked() {
        return publishers.stream().mapToInt(p -> p.acked().size()).sum();
    }
}
