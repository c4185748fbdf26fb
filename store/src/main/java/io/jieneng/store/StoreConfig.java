package io.jieneng.store;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The configuration keys of the store layer, declared once here: which store, and the address of each. It is no
 * mapping by itself; the mappings under the prefix {@code jieneng} extend it (ingest's {@code IngestSettings}, and
 * through it analytics' {@code JienengConfig}), so {@code store} here is the key {@code jieneng.store}
 * ({@code JIENENG_STORE}). {@link Stores#settings(StoreConfig)} turns these keys into {@link StoreSettings}, so a
 * new store adds its group here and its lines there, and no other module changes (docs/STORES.md).
 */
public interface StoreConfig {

    /** The time-series store: {@code questdb} or {@code influxdb}. */
    @WithDefault("questdb")
    @WithConverter(ConfigValues.Kind.class)
    StoreKind store();

    /** InfluxDB (1.x, or 2.x/3.x through the v1 API), used when {@code store} is {@code influxdb}. */
    Influx influx();

    /** QuestDB, used when {@code store} is {@code questdb}. */
    QuestDb questdb();

    interface Influx {
        @WithDefault("http://127.0.0.1:8086")
        String url();

        /** The database; created when missing. */
        @WithDefault("jieneng")
        String db();

        Optional<String> user();

        Optional<String> password();
    }

    interface QuestDb {
        /** Run QuestDB inside analytics (single node); otherwise connect to {@code url} and {@code pgUrl}. */
        @WithDefault("true")
        @WithConverter(ConfigValues.Bool.class)
        boolean embedded();

        /** HTTP port of the embedded QuestDB: line-protocol writes and the web console. */
        @WithDefault("9000")
        @WithConverter(ConfigValues.Port.class)
        int httpPort();

        /** PostgreSQL-wire port of the embedded QuestDB, used for queries. */
        @WithDefault("8812")
        @WithConverter(ConfigValues.Port.class)
        int pgPort();

        /** HTTP URL of an external QuestDB (the standalone ingest, and analytics with embedded off). */
        @WithDefault("http://127.0.0.1:9000")
        String url();

        /** JDBC URL of an external QuestDB's PostgreSQL-wire endpoint. */
        Optional<String> pgUrl();

        @WithDefault("admin")
        String pgUser();

        @WithDefault("quest")
        String pgPassword();

        /** HTTP basic-authentication user of an external QuestDB ({@code http.user}), with {@code password}. */
        Optional<String> user();

        Optional<String> password();

        /** Bearer token of an external QuestDB Enterprise; excludes {@code user}/{@code password}. */
        Optional<String> token();

        /** Prefix of the table names, so several deployments or test classes can share one QuestDB. */
        Optional<String> tablePrefix();
    }
}
