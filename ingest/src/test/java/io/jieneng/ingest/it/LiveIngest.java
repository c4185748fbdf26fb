package io.jieneng.ingest.it;

import io.jieneng.ingest.testing.TestSettings;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.ingest.testing.InMemoryRegistryStore;
import io.jieneng.ingest.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real IngestServer on ephemeral loopback ports in front of a table of the shared embedded QuestDB, configured
 * by the same JIENENG_* keys an operator sets.
 */
final class LiveIngest implements AutoCloseable {

    /** Two days ago at midnight UTC: after every commissioning date, well before the future bound. */
    static final long T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).toEpochMilli();

    final SharedQuestDb.Table table;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final QuarantineStore quarantine;
    final IngestCore core;
    final IngestServer server;

    private LiveIngest(Map<String, String> overrides) throws Exception {
        table = SharedQuestDb.newTable();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        quarantine = new QuarantineStore(ds, 1000);
        Map<String, String> env = new HashMap<>(Map.of("JIENENG_MQTT_HOST", "127.0.0.1", "JIENENG_MQTT_PORT", "0",
                "JIENENG_MQTT_TLS_PORT", "0", "JIENENG_BCRYPT_COST", "4", "JIENENG_INGEST_BATCH_MAX_DELAY_MS", "5"));
        env.putAll(overrides);
        IngestConfig config = TestSettings.ingest(env);
        core = new IngestCore(config, TestRegistry::registry, table.sink(), quarantine, meters, Clock.systemUTC());
        server = new IngestServer(core, new InMemoryRegistryStore(TestRegistry.document()));
        server.start();
    }

    static LiveIngest start(Map<String, String> overrides) throws Exception {
        return new LiveIngest(overrides);
    }

    List<StoredReading> stored(String meterId) throws Exception {
        return table.stored(meterId);
    }

    String plainUri() {
        return "tcp://127.0.0.1:" + server.port();
    }

    String tlsUri() {
        return "ssl://127.0.0.1:" + server.tlsPort();
    }

    double counter(String name, String tag, String value) {
        var c = meters.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    double counter(String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        server.close();
        core.close();
    }
}
