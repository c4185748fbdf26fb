package io.jieneng.ingest;

import io.jieneng.store.StoreKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the standalone ingest says when a key has a value it does not allow: one line per key, then it stops. */
class IngestMainConfigTest {

    private final List<String> reported = new ArrayList<>();

    private Optional<IngestMain.Config> configure(Map<String, String> env) {
        return IngestMain.configure(env, reported::add);
    }

    @Test
    void aValueOutOfRangeIsOneLineNamingTheKeyTheValueAndWhatIsAllowed() {
        assertThat(configure(Map.of("JIENENG_MQTT_PORT", "70000"))).isEmpty();
        assertThat(reported).containsExactly("JIENENG_MQTT_PORT='70000' is not valid: expected an integer from 0 "
                + "to 65535 (0 = any free port) [jieneng.mqtt.port]");
    }

    @Test
    void aChoiceListsTheChoices() {
        assertThat(configure(Map.of("JIENENG_STORE", "mongo"))).isEmpty();
        assertThat(reported).containsExactly(
                "JIENENG_STORE='mongo' is not valid: expected one of questdb, influxdb [jieneng.store]");
    }

    @Test
    void everyRefusedKeyGetsItsOwnLine() {
        assertThat(configure(Map.of("JIENENG_BCRYPT_COST", "3", "JIENENG_TIMEZONE", "Mars/Base",
                "JIENENG_INGEST_METRICS_PORT", "off"))).isEmpty();
        assertThat(reported).containsExactlyInAnyOrder(
                "JIENENG_BCRYPT_COST='3' is not valid: expected an integer from 4 to 31 [jieneng.bcrypt-cost]",
                "JIENENG_TIMEZONE='Mars/Base' is not valid: expected a time-zone id such as Asia/Shanghai or UTC "
                        + "[jieneng.timezone]",
                "JIENENG_INGEST_METRICS_PORT='off' is not valid: expected an integer from 0 to 65535 "
                        + "(0 = any free port) [jieneng.ingest.metrics.port]");
        assertThat(reported).allSatisfy(line -> assertThat(line).doesNotContain("\n", "SRCFG", "Exception"));
    }

    @Test
    void keysThatContradictEachOtherAreOneLineToo() {
        assertThat(configure(Map.of("JIENENG_MQTT_TLS_CERT", "c.pem"))).isEmpty();
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0)).contains("JIENENG_MQTT_TLS_CERT", "JIENENG_MQTT_TLS_KEY").doesNotContain("\n");
    }

    @Test
    void validKeysReachTheirSettings() {
        IngestMain.Config c = configure(Map.of("JIENENG_STORE", "influxdb", "JIENENG_DATA_DIR", "/var/lib/j",
                "JIENENG_INGEST_METRICS_PORT", "19464", "JIENENG_BRIDGE_URL", "tcp://emqx:1883",
                "JIENENG_DB_USER", "reg")).orElseThrow();
        assertThat(reported).isEmpty();
        assertThat(c.store().kind()).isEqualTo(StoreKind.INFLUXDB);
        assertThat(c.dbUrl()).contains("/var/lib/j");
        assertThat(c.dbUser()).isEqualTo("reg");
        assertThat(c.ops().port()).isEqualTo(19464);
        assertThat(c.bridge()).hasValueSatisfying(b -> assertThat(b.url()).isEqualTo("tcp://emqx:1883"));
    }
}
