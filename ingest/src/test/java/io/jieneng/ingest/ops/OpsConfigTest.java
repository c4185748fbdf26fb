package io.jieneng.ingest.ops;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsConfigTest {

    @Test
    void defaultsToEveryAddressOnThePrometheusExporterPort() {
        assertThat(OpsConfig.fromLookup(k -> null)).isEqualTo(new OpsConfig("0.0.0.0", 9464));
    }

    @Test
    void zeroMeansAnyFreePort() {
        assertThat(OpsConfig.fromLookup(Map.of("JIENENG_INGEST_METRICS_HOST", "127.0.0.1",
                "JIENENG_INGEST_METRICS_PORT", "0")::get)).isEqualTo(new OpsConfig("127.0.0.1", 0));
    }

    @Test
    void aBadPortNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> OpsConfig.fromLookup(Map.of("JIENENG_INGEST_METRICS_PORT", "off")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JIENENG_INGEST_METRICS_PORT='off' is not valid");
        assertThatThrownBy(() -> OpsConfig.fromLookup(Map.of("JIENENG_INGEST_METRICS_PORT", "70000")::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
