package io.jieneng.store;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store keys, read from environment variables as the mappings extending {@link StoreConfig} read them. */
class StoreConfigTest {

    private static StoreConfig load(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, EnvConfigSource.ORDINAL))
                .withMapping(StoreConfig.class, "jieneng")
                .withValidateUnknown(false)
                .build()
                .getConfigMapping(StoreConfig.class, "jieneng");
    }

    @Test
    void theDefaultsSelectALocalQuestDbWithoutAQueryEndpoint() {
        StoreSettings s = Stores.settings(load(Map.of()));
        assertThat(s.kind()).isEqualTo(StoreKind.QUESTDB);
        assertThat(s.questDbUrl()).isEqualTo("http://127.0.0.1:9000");
        assertThat(s.questDbTablePrefix()).isEmpty();
        assertThat(s.questDbPgUrl()).isNull();
        assertThat(s.influxUrl()).isEqualTo("http://127.0.0.1:8086");
        assertThat(s.influxDb()).isEqualTo("jieneng");
        assertThat(s.influxUser()).isNull();
    }

    @Test
    void everyStoreKeyReachesTheSettings() {
        StoreSettings s = Stores.settings(load(Map.of(
                "JIENENG_STORE", "InfluxDB",
                "JIENENG_INFLUX_URL", "http://influx:8086", "JIENENG_INFLUX_DB", "energy",
                "JIENENG_INFLUX_USER", "writer", "JIENENG_INFLUX_PASSWORD", "secret",
                "JIENENG_QUESTDB_URL", "http://quest:9000", "JIENENG_QUESTDB_PG_URL", "jdbc:postgresql://quest:8812/qdb",
                "JIENENG_QUESTDB_PG_USER", "reader", "JIENENG_QUESTDB_PG_PASSWORD", "pw",
                "JIENENG_QUESTDB_TABLE_PREFIX", "t1_")));
        assertThat(s).isEqualTo(new StoreSettings(StoreKind.INFLUXDB, "http://quest:9000", "t1_",
                "http://influx:8086", "energy", "writer", "secret", "jdbc:postgresql://quest:8812/qdb", "reader",
                "pw"));
    }

    @Test
    void theCredentialsOfAnExternalQuestDbsHttpEndpointReachTheSettingsAndStayOutOfLogs() {
        StoreSettings basic = Stores.settings(load(Map.of("JIENENG_QUESTDB_USER", "writer",
                "JIENENG_QUESTDB_PASSWORD", "9f2c6a1e4b7d8c03")));
        assertThat(basic.questDbHttpAuth()).isEqualTo(new QuestDbCredentials("writer", "9f2c6a1e4b7d8c03", null));
        assertThat(basic.toString()).contains("basic(writer)").doesNotContain("9f2c6a1e4b7d8c03");
        StoreSettings token = Stores.settings(load(Map.of("JIENENG_QUESTDB_TOKEN", "qt1a2b3c")));
        assertThat(token.questDbHttpAuth().token()).isEqualTo("qt1a2b3c");
        assertThat(token.toString()).doesNotContain("qt1a2b3c");
        assertThat(Stores.settings(load(Map.of())).questDbHttpAuth()).isEqualTo(QuestDbCredentials.NONE);
        assertThatThrownBy(() -> Stores.settings(load(Map.of("JIENENG_QUESTDB_USER", "writer"))))
                .hasMessageContaining("JIENENG_QUESTDB_USER and JIENENG_QUESTDB_PASSWORD are set together");
        assertThatThrownBy(() -> Stores.settings(load(Map.of("JIENENG_QUESTDB_TOKEN", "t",
                "JIENENG_QUESTDB_USER", "u", "JIENENG_QUESTDB_PASSWORD", "p"))))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void aReadingProcessNeedsTheQueryEndpointOfAnExternalQuestDb() {
        StoreConfig external = load(Map.of("JIENENG_QUESTDB_EMBEDDED", "false"));
        assertThatThrownBy(() -> Stores.readingSettings(external))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JIENENG_QUESTDB_PG_URL");
        assertThat(Stores.readingSettings(load(Map.of("JIENENG_QUESTDB_PG_URL", "jdbc:postgresql://q:8812/qdb")))
                .questDbPgUrl()).isEqualTo("jdbc:postgresql://q:8812/qdb");
        // InfluxDB answers queries on the address it is written to.
        assertThat(Stores.readingSettings(load(Map.of("JIENENG_STORE", "influxdb"))).kind())
                .isEqualTo(StoreKind.INFLUXDB);
    }

    @Test
    void anEmbeddedQuestDbsEndpointsReplaceTheExternalAddress() {
        StoreConfig config = load(Map.of("JIENENG_QUESTDB_TABLE_PREFIX", "p_", "JIENENG_QUESTDB_PG_USER", "u"));
        StoreSettings s = Stores.settings(config, "http://127.0.0.1:39000", "jdbc:postgresql://127.0.0.1:38812/qdb");
        assertThat(s.questDbUrl()).isEqualTo("http://127.0.0.1:39000");
        assertThat(s.questDbPgUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:38812/qdb");
        assertThat(s.questDbPgUser()).isEqualTo("u");
        assertThat(s.questDbTablePrefix()).isEqualTo("p_");
    }

    @Test
    void aValueAStoreKeyDoesNotAllowIsRefusedSayingWhatIsAllowed() {
        assertThatThrownBy(() -> load(Map.of("JIENENG_STORE", "mongodb")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("expected one of questdb, influxdb");
        assertThatThrownBy(() -> load(Map.of("JIENENG_QUESTDB_EMBEDDED", "ture")))
                .hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> load(Map.of("JIENENG_QUESTDB_PG_PORT", "70000")))
                .hasMessageContaining("expected an integer from 0 to 65535 (0 = any free port)");
    }
}
