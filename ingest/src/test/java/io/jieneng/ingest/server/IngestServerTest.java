package io.jieneng.ingest.server;

import io.jieneng.ingest.testing.TestSettings;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.pipeline.RecordingSink;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.testing.InMemoryRegistryStore;
import io.jieneng.ingest.testing.TestPki;
import io.jieneng.ingest.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which listeners an IngestServer binds, on real loopback sockets. */
class IngestServerTest {

    @TempDir
    Path dir;
    IngestCore core;
    IngestServer server;

    IngestServer server(Map<String, String> settings) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        Map<String, String> env = new HashMap<>(Map.of("JIENENG_MQTT_HOST", "127.0.0.1", "JIENENG_MQTT_PORT", "0",
                "JIENENG_MQTT_TLS_PORT", "0", "JIENENG_BCRYPT_COST", "4"));
        env.putAll(settings);
        core = new IngestCore(TestSettings.ingest(env), TestRegistry::registry, new RecordingSink(),
                new QuarantineStore(ds, 10), new SimpleMeterRegistry(), Clock.systemUTC());
        server = new IngestServer(core, new InMemoryRegistryStore(TestRegistry.document()));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (core != null) {
            core.close();
        }
    }

    @Test
    void withPlainTcpOffOnlyTheTlsListenerRuns() throws Exception {
        TestPki pki = TestPki.create(dir, "listeners");
        IngestServer s = server(Map.of("JIENENG_MQTT_PLAIN_ENABLED", "false",
                "JIENENG_MQTT_TLS_CERT", pki.server().certificateFile().toString(),
                "JIENENG_MQTT_TLS_KEY", pki.server().keyFile().toString()));
        s.start();
        assertThat(s.tlsPort()).isPositive();
        assertThatThrownBy(s::port).isInstanceOf(IllegalStateException.class);
        try (Socket socket = new Socket("127.0.0.1", s.tlsPort())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void withNeitherListenerNothingIsBound() throws Exception {
        IngestServer s = server(Map.of("JIENENG_MQTT_PLAIN_ENABLED", "false"));
        s.start();
        assertThatThrownBy(s::port).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::tlsPort).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnusableTlsKeyStopsTheStartBeforeAnythingIsBound() {
        TestPki pki = TestPki.create(dir, "mismatch");
        TestPki other = TestPki.create(dir, "other");
        IngestServer s = server(Map.of("JIENENG_MQTT_TLS_CERT", pki.server().certificateFile().toString(),
                "JIENENG_MQTT_TLS_KEY", other.server().keyFile().toString()));
        assertThatThrownBy(s::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JIENENG_MQTT_TLS_KEY");
        assertThatThrownBy(s::port).isInstanceOf(IllegalStateException.class);
    }
}
