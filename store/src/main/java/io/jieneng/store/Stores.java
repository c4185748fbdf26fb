package io.jieneng.store;

import io.jieneng.devices.registry.Registry;
import io.jieneng.store.influxdb.InfluxDbStore;
import io.jieneng.store.questdb.QuestDbStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Opens the store that {@link StoreSettings} names. The switch in {@link #open} is the one place a store is
 * registered: a third store adds its package, a {@link StoreKind} and a line here (docs/STORES.md).
 */
public final class Stores {

    /**
     * The longest one store request of a sink takes, retries included, before it fails. An arrival marker is
     * therefore committed at most this long after its time, if at all; the rollup job's safety margin
     * ({@code JIENENG_ROLLUP_SAFETY_SECONDS}) must exceed it, plus any clock difference between hosts.
     */
    public static final Duration WRITE_ATTEMPT_BOUND = Duration.ofSeconds(12);

    private Stores() {
    }

    /**
     * The store of {@code settings}. It does not need the store to be up yet: the first write waits (retrying)
     * until the tables or the database can be created.
     *
     * @param registry the current registry snapshot (InfluxDB tags each point with registry attributes)
     * @param clock    the time of the arrival markers
     */
    public static Store open(StoreSettings settings, Supplier<Registry> registry, Clock clock) {
        return switch (settings.kind()) {
            case QUESTDB -> QuestDbStore.open(settings, clock);
            case INFLUXDB -> InfluxDbStore.open(settings, registry, clock);
        };
    }

    /**
     * The settings the store keys of {@code config} describe: the store {@code JIENENG_STORE} selects, with every
     * store's address, and QuestDB's query endpoint when {@code JIENENG_QUESTDB_PG_URL} is set (a writer such as
     * the standalone ingest needs none). The one place configuration becomes {@link StoreSettings}.
     */
    public static StoreSettings settings(StoreConfig config) {
        StoreConfig.QuestDb q = config.questdb();
        return settings(config, q.url(), q.pgUrl().orElse(null));
    }

    /**
     * {@link #settings(StoreConfig)} for a process that also reads and rolls up (analytics), which refuses to
     * start without a way to query the store.
     *
     * @throws IllegalStateException when an external QuestDB is selected without its query endpoint
     */
    public static StoreSettings readingSettings(StoreConfig config) {
        StoreSettings settings = settings(config);
        if (settings.kind() == StoreKind.QUESTDB && settings.questDbPgUrl() == null) {
            throw new IllegalStateException(
                    "JIENENG_QUESTDB_PG_URL is required when JIENENG_QUESTDB_EMBEDDED=false");
        }
        return settings;
    }

    /**
     * {@link #settings(StoreConfig)} with the endpoints of a QuestDB this process runs itself (analytics' embedded
     * one, when {@code JIENENG_QUESTDB_EMBEDDED} is true) in place of the external address.
     *
     * @param questDbHttpUrl  its HTTP endpoint (line-protocol writes)
     * @param questDbPgJdbcUrl the JDBC URL of its PostgreSQL wire (queries)
     */
    public static StoreSettings settings(StoreConfig config, String questDbHttpUrl, String questDbPgJdbcUrl) {
        StoreConfig.QuestDb q = config.questdb();
        StoreConfig.Influx i = config.influx();
        return new StoreSettings(config.store(), questDbHttpUrl, q.tablePrefix().orElse(""), i.url(), i.db(),
                i.user().orElse(null), i.password().orElse(null), questDbPgJdbcUrl, q.pgUser(), q.pgPassword(),
                new QuestDbCredentials(q.user().orElse(null), q.password().orElse(null), q.token().orElse(null)));
    }

    /** {@link #open} with the system clock. */
    public static Store open(StoreSettings settings, Supplier<Registry> registry) {
        return open(settings, registry, Clock.systemUTC());
    }

    /** {@code configured} when positive, else what {@code store} takes best ({@link Store#defaultWriters}). */
    public static int writers(Store store, int configured) {
        return configured > 0 ? configured : store.defaultWriters();
    }

    /** {@code count} independent sinks (connections, encoders, marker writer ids), one per writer thread. */
    public static List<ReadingSink> sinks(Store store, int count) {
        List<ReadingSink> sinks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sinks.add(store.newSink());
        }
        return List.copyOf(sinks);
    }
}
