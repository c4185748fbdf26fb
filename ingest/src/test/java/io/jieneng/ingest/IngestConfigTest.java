package io.jieneng.ingest;

import io.jieneng.ingest.testing.TestSettings;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.jieneng.ingest.server.TlsSettings;
import io.jieneng.ingest.config.Settings;
import io.jieneng.store.StoreKind;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestConfigTest {

    @Test
    void defaultsMatchTheContract() {
        IngestConfig c = IngestConfig.defaults();
        StoreSettings store = Stores.settings(Settings.ingest(Map.of()));
        assertThat(c.mqttHost()).isEqualTo("0.0.0.0");
        assertThat(c.mqttPort()).isEqualTo(1883);
        assertThat(c.allowAnonymous()).isFalse();
        assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(store.kind()).isEqualTo(StoreKind.QUESTDB);
        assertThat(store.questDbUrl()).isEqualTo("http://127.0.0.1:9000");
        assertThat(store.influxDb()).isEqualTo("jieneng");
        assertThat(c.maxPayloadBytes()).isEqualTo(65536);
        assertThat(c.maxReadingsPerMessage()).isEqualTo(10_000);
        assertThat(c.maxFuture()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxAge()).isEqualTo(Duration.ofDays(400));
        assertThat(c.batchMaxReadings()).isEqualTo(5000);
        assertThat(c.batchMaxDelay()).isEqualTo(Duration.ZERO);
        assertThat(c.maxPendingReadings()).isEqualTo(200_000);
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.quarantineMaxRows()).isEqualTo(100_000);
        assertThat(c.bcryptCost()).isEqualTo(10);
        assertThat(c.plainEnabled()).isTrue();
        assertThat(c.tls()).isNull();
        assertThat(c.mqtt()).isEqualTo(new MqttSettings(100, 16, Duration.ofDays(1), 100_000));
        assertThat(c.limits()).isEqualTo(new Limits(100, 200, 2000));
    }

    @Test
    void readsTheProtocolTlsAndLimitKeys() {
        Map<String, String> env = Map.ofEntries(Map.entry("JIENENG_MQTT_PLAIN_ENABLED", "false"),
                Map.entry("JIENENG_MQTT_TLS_PORT", "18883"), Map.entry("JIENENG_MQTT_TLS_CERT", "/etc/j/cert.pem"),
                Map.entry("JIENENG_MQTT_TLS_KEY", "/etc/j/key.pem"),
                Map.entry("JIENENG_MQTT_TLS_CLIENT_CA", "/etc/j/devices-ca.pem"),
                Map.entry("JIENENG_MQTT_TLS_CLIENT_AUTH", "REQUIRE"),
                Map.entry("JIENENG_MQTT_RECEIVE_MAXIMUM", "20"), Map.entry("JIENENG_MQTT_TOPIC_ALIAS_MAXIMUM", "0"),
                Map.entry("JIENENG_MQTT_SESSION_EXPIRY_MAX_SECONDS", "3600"),
                Map.entry("JIENENG_MQTT_MAX_SESSIONS", "5000"),
                Map.entry("JIENENG_INGEST_MAX_MESSAGES_PER_SECOND", "0.5"),
                Map.entry("JIENENG_INGEST_MESSAGE_BURST", "10"),
                Map.entry("JIENENG_INGEST_MAX_CONNECTIONS_PER_IP", "0"));
        IngestConfig c = TestSettings.ingest(env);
        assertThat(c.plainEnabled()).isFalse();
        assertThat(c.tls()).isEqualTo(new TlsSettings(18883, Path.of("/etc/j/cert.pem"), Path.of("/etc/j/key.pem"),
                Path.of("/etc/j/devices-ca.pem"), TlsSettings.ClientAuth.REQUIRE));
        assertThat(c.mqtt()).isEqualTo(new MqttSettings(20, 0, Duration.ofHours(1), 5000));
        assertThat(c.limits()).isEqualTo(new Limits(0.5, 10, 0));
    }

    @Test
    void aClientCaAloneMakesClientCertificatesOptional() {
        IngestConfig c = TestSettings.ingest(Map.of("JIENENG_MQTT_TLS_CERT", "c.pem", "JIENENG_MQTT_TLS_KEY",
                "k.pem", "JIENENG_MQTT_TLS_CLIENT_CA", "ca.pem"));
        assertThat(c.tls().clientAuth()).isEqualTo(TlsSettings.ClientAuth.OPTIONAL);
        assertThat(c.tls().port()).isEqualTo(8883);
    }

    @Test
    void explainsIncompleteTlsSettings() {
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_TLS_CERT", "c.pem")))
                .hasMessageContaining("JIENENG_MQTT_TLS_KEY");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_TLS_CLIENT_CA", "ca.pem")))
                .hasMessageContaining("JIENENG_MQTT_TLS_CERT");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_TLS_CERT", "c.pem",
                "JIENENG_MQTT_TLS_KEY", "k.pem", "JIENENG_MQTT_TLS_CLIENT_AUTH", "require")))
                .hasMessageContaining("JIENENG_MQTT_TLS_CLIENT_CA");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_TLS_CERT", "c.pem",
                "JIENENG_MQTT_TLS_KEY", "k.pem", "JIENENG_MQTT_TLS_CLIENT_AUTH", "sometimes")))
                .hasMessageContaining("JIENENG_MQTT_TLS_CLIENT_AUTH").hasMessageContaining("sometimes");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_RECEIVE_MAXIMUM", "0")))
                .hasMessageContaining("JIENENG_MQTT_RECEIVE_MAXIMUM");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_INGEST_MAX_MESSAGES_PER_SECOND",
                "fast"))).hasMessageContaining("JIENENG_INGEST_MAX_MESSAGES_PER_SECOND");
    }

    @Test
    void readsEveryKey() {
        Map<String, String> env = Map.ofEntries(Map.entry("JIENENG_MQTT_HOST", "127.0.0.1"),
                Map.entry("JIENENG_MQTT_PORT", "0"), Map.entry("JIENENG_MQTT_ALLOW_ANONYMOUS", "TRUE"),
                Map.entry("JIENENG_TIMEZONE", "UTC"), Map.entry("JIENENG_STORE", "influxdb"),
                Map.entry("JIENENG_INFLUX_URL", "http://127.0.0.1:18086"), Map.entry("JIENENG_INFLUX_DB", "t1"),
                Map.entry("JIENENG_INFLUX_USER", "u"), Map.entry("JIENENG_INFLUX_PASSWORD", "p"),
                Map.entry("JIENENG_QUESTDB_TABLE_PREFIX", "it_"),
                Map.entry("JIENENG_INGEST_MAX_FUTURE_SECONDS", "60"), Map.entry("JIENENG_INGEST_MAX_AGE_DAYS", "30"),
                Map.entry("JIENENG_INGEST_BATCH_MAX_DELAY_MS", "5"), Map.entry("JIENENG_BCRYPT_COST", "12"));
        IngestConfig c = TestSettings.ingest(env);
        StoreSettings store = Stores.settings(Settings.ingest(env));
        assertThat(c.mqttHost()).isEqualTo("127.0.0.1");
        assertThat(c.mqttPort()).isZero();
        assertThat(c.allowAnonymous()).isTrue();
        assertThat(c.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(store.kind()).isEqualTo(StoreKind.INFLUXDB);
        assertThat(store.influxUrl()).isEqualTo("http://127.0.0.1:18086");
        assertThat(store.influxDb()).isEqualTo("t1");
        assertThat(store.influxPassword()).isEqualTo("p");
        assertThat(store.toString()).doesNotContain("=p,").doesNotContain("password");
        assertThat(store.questDbTablePrefix()).isEqualTo("it_");
        assertThat(c.maxFuture()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(c.batchMaxDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.bcryptCost()).isEqualTo(12);
    }

    @Test
    void namesTheKeyAndTheValueOfABadSetting() {
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_PORT", "18a3")))
                .hasMessageContaining("JIENENG_MQTT_PORT").hasMessageContaining("18a3");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_PORT", "70000")))
                .hasMessageContaining("JIENENG_MQTT_PORT").hasMessageContaining("70000");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_STORE", "mongo")))
                .hasMessageContaining("JIENENG_STORE").hasMessageContaining("mongo");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_TIMEZONE", "Mars/Base")))
                .hasMessageContaining("JIENENG_TIMEZONE").hasMessageContaining("Mars/Base");
        assertThatThrownBy(() -> TestSettings.ingest(Map.of("JIENENG_MQTT_ALLOW_ANONYMOUS", "yes")))
                .hasMessageContaining("JIENENG_MQTT_ALLOW_ANONYMOUS").hasMessageContaining("yes");
    }
}
