package io.jieneng.ingest.bridge;

import io.jieneng.ingest.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeConfigTest {

    static Optional<BridgeConfig> read(Map<String, String> env) {
        return BridgeConfig.from(Settings.ingest(env).bridge(), () -> "ingest-2.example");
    }

    @Test
    void offUnlessAUrlIsSet() {
        assertThat(read(Map.of())).isEmpty();
        assertThat(read(Map.of("JIENENG_BRIDGE_URL", "  "))).isEmpty();
    }

    @Test
    void defaults() {
        BridgeConfig c = read(Map.of("JIENENG_BRIDGE_URL", "tcp://emqx:1883")).orElseThrow();
        assertThat(c.url()).isEqualTo("tcp://emqx:1883");
        assertThat(c.sharedFilter()).isEqualTo("$share/jieneng/meters/+/readings");
        assertThat(c.clientId()).isEqualTo("jieneng-bridge-ingest-2.example");
        assertThat(c.receiveMaximum()).isEqualTo(1000);
        assertThat(c.sessionExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(c.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.user()).isNull();
        assertThat(c.password()).isNull();
        assertThat(c.bridgeOnly()).isFalse();
    }

    @Test
    void everyKey() {
        BridgeConfig c = read(Map.of(
                "JIENENG_BRIDGE_URL", "ssl://hivemq.internal:8883",
                "JIENENG_BRIDGE_USER", "ingest",
                "JIENENG_BRIDGE_PASSWORD", "s3cret",
                "JIENENG_BRIDGE_CLIENT_ID", "ingest-0",
                "JIENENG_BRIDGE_GROUP", "jieneng-prod",
                "JIENENG_BRIDGE_TOPIC", "meters/#",
                "JIENENG_BRIDGE_RECEIVE_MAXIMUM", "200",
                "JIENENG_BRIDGE_SESSION_EXPIRY_SECONDS", "86400",
                "JIENENG_BRIDGE_KEEPALIVE_SECONDS", "60",
                "JIENENG_BRIDGE_ONLY", "true")).orElseThrow();
        assertThat(c).isEqualTo(new BridgeConfig("ssl://hivemq.internal:8883", "ingest", "s3cret", "ingest-0",
                "jieneng-prod", "meters/#", 200, Duration.ofDays(1), Duration.ofMinutes(1), true));
        assertThat(c.sharedFilter()).isEqualTo("$share/jieneng-prod/meters/#");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void theDefaultClientIdKeepsOnlySafeCharactersOfTheHostName() {
        assertThat(BridgeConfig.defaultClientId("pod/ingest 0")).isEqualTo("jieneng-bridge-podingest0");
        assertThat(BridgeConfig.defaultClientId("")).isEqualTo("jieneng-bridge-localhost");
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertBad("JIENENG_BRIDGE_URL", "http://emqx:1883");
        assertBad("JIENENG_BRIDGE_URL", "emqx:1883");
        assertBad("JIENENG_BRIDGE_GROUP", "a/b");
        assertBad("JIENENG_BRIDGE_GROUP", "a+");
        assertBad("JIENENG_BRIDGE_TOPIC", "$share/x/meters/+/readings");
        assertBad("JIENENG_BRIDGE_TOPIC", "meters/#/readings");
        assertBad("JIENENG_BRIDGE_TOPIC", "meters/a+/readings");
        assertBad("JIENENG_BRIDGE_RECEIVE_MAXIMUM", "0");
        assertBad("JIENENG_BRIDGE_RECEIVE_MAXIMUM", "65536");
        assertBad("JIENENG_BRIDGE_SESSION_EXPIRY_SECONDS", "0");
        assertBad("JIENENG_BRIDGE_KEEPALIVE_SECONDS", "x");
        assertBad("JIENENG_BRIDGE_ONLY", "yes");
    }

    @Test
    void bridgeOnlyWithoutABridgeIsRefused() {
        assertThatThrownBy(() -> read(Map.of("JIENENG_BRIDGE_ONLY", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JIENENG_BRIDGE_ONLY='true'")
                .hasMessageContaining("JIENENG_BRIDGE_URL");
    }

    private static void assertBad(String key, String value) {
        Map<String, String> env = key.equals("JIENENG_BRIDGE_URL") ? Map.of(key, value)
                : Map.of("JIENENG_BRIDGE_URL", "tcp://broker:1883", key, value);
        assertThatThrownBy(() -> read(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(key + "='" + value + "' is not valid: expected");
    }
}
