package io.jieneng.analytics.node;

import io.jieneng.analytics.platform.EmbeddedQuestDb;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.ingest.config.IngestSettings;
import io.jieneng.store.ReadingReader;
import io.jieneng.store.RollupStore;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The time-series store this deployment uses: starts the embedded QuestDB when asked to, and opens the one
 * {@link Store} (docs/STORES.md) that ingest writes with, analytics reads with and the rollups live in.
 */
@ApplicationScoped
public class TimeSeriesStore {

    public static final int STARTUP_PRIORITY = RegistryService.STARTUP_PRIORITY + 10;

    @Inject
    JienengConfig config;

    @Inject
    RegistryService registry;

    private EmbeddedQuestDb embedded;
    private StoreSettings settings;
    private Store store;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        // The mapping has already refused a value that names no store (docs/CONFIG.md).
        settings = switch (config.store()) {
            case QUESTDB -> questDbSettings();
            case INFLUXDB -> influxDbSettings();
        };
        store = Stores.open(settings, registry::current);
    }

    private StoreSettings questDbSettings() {
        IngestSettings.QuestDb q = config.questdb();
        String prefix = q.tablePrefix().orElse("");
        if (q.embedded()) {
            embedded = EmbeddedQuestDb.start(config.dataDir().resolve("questdb"), q.httpPort(), q.pgPort());
            return StoreSettings.questDb(embedded.httpUrl(), prefix)
                    .withQuestDbPg(embedded.pgJdbcUrl(), q.pgUser(), q.pgPassword());
        }
        String httpUrl = q.url();
        String pgUrl = q.pgUrl().orElseThrow(() -> new IllegalStateException(
                "JIENENG_QUESTDB_PG_URL is required when JIENENG_QUESTDB_EMBEDDED=false"));
        return StoreSettings.questDb(httpUrl, prefix).withQuestDbPg(pgUrl, q.pgUser(), q.pgPassword());
    }

    private StoreSettings influxDbSettings() {
        IngestSettings.Influx i = config.influx();
        return StoreSettings.influxDb(i.url(), i.db(), i.user().orElse(null), i.password().orElse(null));
    }

    // Stopped after ingest, which must flush to the store before the store goes away.
    void stop(@Observes @Priority(STARTUP_PRIORITY + 1000) ShutdownEvent event) {
        if (store != null) {
            store.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The store ingest writes to and analytics reads; available once the platform has started. */
    public Store store() {
        return store;
    }

    /** The reader over the same data ingest writes; available once the platform has started. */
    public ReadingReader reader() {
        return store.reader();
    }

    /** Where the rollups and arrival markers are read and written; available once the platform has started. */
    public RollupStore rollups() {
        return store.rollups();
    }

    /** Where and how ingest writes readings. */
    public StoreSettings settings() {
        return settings;
    }

    /** The embedded QuestDB, when this process runs one. */
    public Optional<EmbeddedQuestDb> embedded() {
        return Optional.ofNullable(embedded);
    }
}
