package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.pipeline.RecordingSink;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.testing.InMemoryRegistryStore;
import io.jieneng.ingest.testing.TestRegistry;
import io.jieneng.ingest.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A real IngestServer on 127.0.0.1 (any free ports) over the test registry, a recording sink and H2. */
final class LoopbackServer implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IngestCore core;
    final IngestServer server;

    /** Configured by {@code settings} on top of loopback, free ports and bcrypt cost 4; not started. */
    LoopbackServer(Map<String, String> settings) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        Map<String, String> env = new HashMap<>(Map.of("JIENENG_MQTT_HOST", "127.0.0.1", "JIENENG_MQTT_PORT", "0",
                "JIENENG_MQTT_TLS_PORT", "0", "JIENENG_BCRYPT_COST", "4"));
        env.putAll(settings);
        core = new IngestCore(TestSettings.ingest(env), TestRegistry::registry, new RecordingSink(),
                new QuarantineStore(ds, 10), meters, Clock.systemUTC());
        server = new IngestServer(core, new InMemoryRegistryStore(TestRegistry.document()));
    }

    double counter(String name, String tag, String value) {
        var c = tag == null ? meters.find(name).counter() : meters.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        server.close();
        core.close();
    }
}
