package io.jieneng.analytics.platform;

import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.rollup.InfluxDbRollupStore;
import io.jieneng.analytics.rollup.QuestDbRollupStore;
import io.jieneng.analytics.rollup.RollupStore;
import io.jieneng.analytics.store.InfluxDbReadingStore;
import io.jieneng.analytics.store.QuestDbReadingStore;
import io.jieneng.analytics.store.ReadingStore;
import io.jieneng.ingest.config.IngestSettings;
import io.jieneng.ingest.sink.StoreSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The time-series store this deployment uses: starts the embedded QuestDB when asked to, and provides the
 * settings ingest writes with, the {@link ReadingStore} analytics reads with and the {@link RollupStore} the
 * rollups live in, all pointing at the same data.
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
    private ReadingStore reader;
    private RollupStore rollups;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        switch (config.store()) {
            case QUESTDB -> startQuestDb();
            case INFLUXDB -> startInfluxDb();
        }
    }

    private void startQuestDb() {
        IngestSettings.QuestDb q = config.questdb();
        String prefix = q.tablePrefix().orElse("");
        String httpUrl;
        String pgUrl;
        if (q.embedded()) {
            embedded = EmbeddedQuestDb.start(config.dataDir().resolve("questdb"), q.httpPort(), q.pgPort());
            httpUrl = embedded.httpUrl();
            pgUrl = embedded.pgJdbcUrl();
        } else {
            httpUrl = q.url();
            pgUrl = q.pgUrl().orElseThrow(() -> new IllegalStateException(
                    "JIENENG_QUESTDB_PG_URL is required when JIENENG_QUESTDB_EMBEDDED=false"));
        }
        settings = StoreSettings.questDb(httpUrl, prefix);
        reader = new QuestDbReadingStore(pgUrl, q.pgUser(), q.pgPassword(), prefix);
        rollups = new QuestDbRollupStore(httpUrl, pgUrl, q.pgUser(), q.pgPassword(), prefix);
    }

    private void startInfluxDb() {
        IngestSettings.Influx i = config.influx();
        settings = StoreSettings.influxDb(i.url(), i.db(), i.user().orElse(null), i.password().orElse(null));
        reader = new InfluxDbReadingStore(i.url(), i.db(), i.user().orElse(null), i.password().orElse(null));
        rollups = new InfluxDbRollupStore(i.url(), i.db(), i.user().orElse(null), i.password().orElse(null),
                registry::current);
    }

    // Stopped after ingest, which must flush to the store before the store goes away.
    void stop(@Observes @Priority(STARTUP_PRIORITY + 1000) ShutdownEvent event) throws Exception {
        if (reader instanceof AutoCloseable c) {
            c.close();
        }
        if (rollups != null) {
            rollups.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The reader over the same data ingest writes; available once the platform has started. */
    public ReadingStore reader() {
        return reader;
    }

    /** Where the rollups and arrival markers are read and written; available once the platform has started. */
    public RollupStore rollups() {
        return rollups;
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
