package io.jieneng.ingest.ops;

import io.jieneng.ingest.testing.TestSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsConfigTest {

    @Test
    void defaultsToEveryAddressOnThePrometheusExporterPort() {
        assertThat(TestSettings.ops(Map.of())).isEqualTo(new OpsConfig("0.0.0.0", 9464));
    }

    @Test
    void zeroMeansAnyFreePort() {
        assertThat(TestSettings.ops(Map.of("JIENENG_INGEST_METRICS_HOST", "127.0.0.1",
                "JIENENG_INGEST_METRICS_PORT", "0"))).isEqualTo(new OpsConfig("127.0.0.1", 0));
    }

    @Test
    void aBadPortNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> TestSettings.ops(Map.of("JIENENG_INGEST_METRICS_PORT", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JIENENG_INGEST_METRICS_PORT='off' is not valid");
        assertThatThrownBy(() -> TestSettings.ops(Map.of("JIENENG_INGEST_METRICS_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
