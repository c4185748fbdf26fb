package io.jieneng.analytics.node;

import io.jieneng.analytics.platform.EmbeddedQuestDb;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.store.ReadingReader;
import io.jieneng.store.RollupStore;
import io.jieneng.store.Store;
import io.jieneng.store.StoreConfig;
import io.jieneng.store.StoreKind;
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
        // Hosting QuestDB in this process is analytics' part; which keys make which settings is the store
        // module's (Stores.settings), so a new store changes nothing here.
        StoreConfig.QuestDb q = config.questdb();
        if (config.store() == StoreKind.QUESTDB && q.embedded()) {
            embedded = EmbeddedQuestDb.start(config.dataDir().resolve("questdb"), q.httpPort(), q.pgPort());
            settings = Stores.settings(config, embedded.httpUrl(), embedded.pgJdbcUrl());
        } else {
            settings = Stores.readingSettings(config);
        }
        store = Stores.open(settings, registry::current);
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
