package io.jieneng.ingest.server;

import io.jieneng.ingest.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which listeners an IngestServer binds, on real loopback sockets. */
class IngestServerTest {

    @TempDir
    Path dir;
    LoopbackServer live;

    IngestServer server(Map<String, String> settings) {
        live = new LoopbackServer(settings);
        return live.server;
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
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
