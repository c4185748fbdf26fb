package io.jieneng.ingest.it;

import io.jieneng.ingest.testing.TestSettings;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.ingest.testing.InMemoryRegistryStore;
import io.jieneng.ingest.testing.InfluxProcess;
import io.jieneng.ingest.testing.ResendingPublisher;
import io.jieneng.ingest.testing.StoreCheck;
import io.jieneng.ingest.testing.TestRegistry;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3's store-outage test: InfluxDB is stopped for 30 s under load and started again. While it is down no
 * acknowledgement goes out, socket reads pause and the readings held in ingest stay bounded; when it is back the
 * backlog drains by itself, and every acknowledged reading is stored exactly once.
 */
class StoreOutageIT {

    private static final String[] METERS = {TestRegistry.MAIN, TestRegistry.HVAC, TestRegistry.PV};
    private static final int MESSAGES = 300;
    private static final int READINGS_PER_MESSAGE = 50;
    private static final int WINDOW = 10;
    private static final int MAX_PENDING = 1000;

    @TempDir
    Path dir;

    private final List<ResendingPublisher> publishers = new ArrayList<>();
    private InfluxProcess influx;
    private IngestCore core;
    private Store store;
    private IngestServer server;

    @AfterEach
    void stop() throws Exception {
        for (ResendingPublisher p : publishers) {
            p.close();
        }
        if (server != null) {
            server.close();
        }
        if (core != null) {
            core.close();
        }
        if (store != null) {
            store.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostAndMemoryStaysBoundedWhileTheStoreIsDown() throws Exception {
        influx = new InfluxProcess(dir).start();
        String database = "outage_" + UUID.randomUUID().toString().replace("-", "");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IngestConfig config = TestSettings.ingest(Map.of("JIENENG_MQTT_HOST", "127.0.0.1",
                "JIENENG_MQTT_PORT", "0", "JIENENG_BCRYPT_COST", "4", "JIENENG_INGEST_BATCH_MAX_DELAY_MS", "20",
                "JIENENG_INGEST_MAX_PENDING_READINGS", Integer.toString(MAX_PENDING)));
        store = Stores.open(StoreSettings.influxDb(influx.url(), database, null, null), TestRegistry::registry);
        core = new IngestCore(config, TestRegistry::registry, store.newSink(),
                new QuarantineStore(quarantineDb(), 1000), meters, Clock.systemUTC());
        server = new IngestServer(core, new InMemoryRegistryStore(TestRegistry.document()));
        server.start();

        long start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
        for (String meter : METERS) {
            publishers.add(new ResendingPublisher("tcp://127.0.0.1:" + server.port(), meter, MESSAGES,
                    READINGS_PER_MESSAGE, start, WINDOW).start());
        }
        int total = METERS.length * MESSAGES;
        await().atMost(Duration.ofSeconds(60)).until(() -> acked() >= total / 5);

        influx.stop();
        // Writes that were already durable may still be acknowledged; after that, nothing is.
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge(meters, IngestMetrics.PAUSED_CHANNELS) > 0);
        int ackedWhileDown = acked();
        assertThat(ackedWhileDown).isLessThan(total);
        // Every connection has at most its window of messages unread by the writer: that bounds what ingest holds.
        long bound = MAX_PENDING + (long) METERS.length * WINDOW * READINGS_PER_MESSAGE;
        await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(35)).pollInterval(Duration.ofMillis(500))
                .until(() -> acked() == ackedWhileDown && gauge(meters, IngestMetrics.PENDING_READINGS) <= bound);

        influx.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> publishers.stream().allMatch(ResendingPublisher::done));
        assertThat(gauge(meters, IngestMetrics.PAUSED_CHANNELS)).isZero();
        for (ResendingPublisher p : publishers) {
            StoreCheck.assertExactlyOnce(influx.url(), database, p);
        }
    }

    private int acked() {
        return publishers.stream().mapToInt(p -> p.acked().size()).sum();
    }

    private static double gauge(SimpleMeterRegistry meters, String name) {
        return meters.get(name).gauge().value();
    }

    private static JdbcDataSource quarantineDb() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        return ds;
    }
}
