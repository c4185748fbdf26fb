package io.jieneng.analytics.platform;

import io.jieneng.analytics.alert.AlertsConfig;
import io.jieneng.analytics.quota.QuotaConfig;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.config.Settings;
import io.jieneng.store.StoreKind;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's mapping read the way Quarkus reads it (SmallRye, environment names): the keys it shares with the
 * standalone ingest reach the same settings in both, and a bad value is refused with one line.
 */
class PlatformConfigTest {

    private static final Map<String, String> ENV = Map.of("JIENENG_MQTT_PORT", "11883", "JIENENG_STORE", "influxdb",
            "JIENENG_TIMEZONE", "UTC", "JIENENG_INGEST_WRITERS", "3", "JIENENG_BRIDGE_URL", "tcp://emqx:1883",
            "JIENENG_ROLLUP_SAFETY_SECONDS", "45", "JIENENG_IN_PROCESS_INGEST", "false",
            "JIENENG_QUESTDB_PG_PORT", "18812");

    @Test
    void theSharedKeysReachTheSameSettingsAsInTheStandaloneIngest() {
        JienengConfig platform = Settings.load(JienengConfig.class, ENV);
        assertThat(IngestConfig.from(platform)).isEqualTo(IngestConfig.from(Settings.ingest(ENV)));
        assertThat(platform.mqtt().port()).isEqualTo(11883);
        assertThat(platform.store()).isEqualTo(StoreKind.INFLUXDB);
        assertThat(platform.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(platform.ingest().writers()).isEqualTo(3);
        assertThat(platform.bridge().url()).hasValue("tcp://emqx:1883");
        assertThat(platform.questdb().pgPort()).isEqualTo(18812);
    }

    @Test
    void thePlatformsOwnKeysAreReadByEnvironmentName() {
        JienengConfig platform = Settings.load(JienengConfig.class, ENV);
        assertThat(platform.rollup().safetySeconds()).isEqualTo(45);
        assertThat(platform.inProcessIngest()).isFalse();
        assertThat(platform.rollupsEnabled()).isTrue();
        assertThat(Settings.load(QuotaConfig.class, Map.of("JIENENG_QUOTA_SEASONAL_MIN_COMPLETENESS", "0.75"))
                .seasonalMinCompleteness()).isEqualTo(0.75);
    }

    @Test
    void aBadValueIsOneLineNamingTheKeyTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> Settings.load(JienengConfig.class, Map.of("JIENENG_IN_PROCESS_INGEST", "ture")))
                .hasMessage("JIENENG_IN_PROCESS_INGEST='ture' is not valid: expected true or false "
                        + "[jieneng.in-process-ingest]");
        assertThatThrownBy(() -> Settings.load(JienengConfig.class, Map.of("JIENENG_MQTT_PORT", "-1")))
                .hasMessage("JIENENG_MQTT_PORT='-1' is not valid: expected an integer from 0 to 65535 "
                        + "(0 = any free port) [jieneng.mqtt.port]");
        assertThatThrownBy(() -> Settings.load(AlertsConfig.class,
                Map.of("JIENENG_ALERTS_DATA_GAP_MIN_COMPLETENESS", "90")))
                .hasMessage("JIENENG_ALERTS_DATA_GAP_MIN_COMPLETENESS='90' is not valid: expected a number from 0 "
                        + "to 1 [jieneng.alerts.data-gap-min-completeness]");
    }
}
