package io.jieneng.analytics.registry;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.devices.registry.ImportResult;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Owns the registry database and the current registry snapshot that every request and the in-process ingest
 * read. The snapshot is replaced after each import, so readers never see a half-applied document.
 *
 * <p>Several analytics instances may share one registry database. Each polls its change stamp
 * ({@link RegistryWatch}, every {@code JIENENG_REGISTRY_POLL_MS}) and reloads when another instance imported, so
 * the scope checks and the in-process ingest's ACL (both read {@link #current()}) apply a change within seconds.
 */
@ApplicationScoped
public class RegistryService {

    /** Start-up order of the platform's parts: registry, then the store, then ingest. */
    public static final int STARTUP_PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(RegistryService.class);

    @Inject
    JienengConfig config;

    @Inject
    StoreMeterData meterData;

    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private RegistryDatabase database;
    private RegistryStore store;
    private RegistryWatch watch;
    private volatile Registry current = Registry.empty();

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        String url = config.db().url().orElseGet(() -> RegistryDatabase.h2FileUrl(config.dataDir()));
        database = RegistryDatabase.open(url, config.db().user().orElse(""), config.db().password().orElse(""),
                AnalyticsSchema.LOCATIONS);
        store = database.store(new SecretHasher(config.bcryptCost()));
        config.registryFile().ifPresent(this::importAtStartup);
        watch = RegistryWatch.start(store, config.registryPollMs(), this::replace);
        current = watch.snapshot();
        LOG.infof("registry ready: %d regions, %d institutions, %d meters", current.document().regions().size(),
                current.document().institutions().size(), current.document().meters().size());
    }

    void stop(@Observes @Priority(STARTUP_PRIORITY + 1000) ShutdownEvent event) {
        if (watch != null) {
            watch.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private void importAtStartup(String file) {
        RegistryDocument doc = "demo".equals(file) ? RegistryDocuments.demo() : RegistryDocuments.parse(Path.of(file));
        ImportResult result = store.importDocument(doc, meterData);
        LOG.infof("imported the registry document %s: %s", "demo".equals(file) ? "(bundled demo)" : file,
                result.unchanged() ? "nothing changed" : result.sections());
    }

    /** The current snapshot; cheap to call on every request. */
    public Registry current() {
        return current;
    }

    /**
     * Validates and upserts {@code document} (deleting meters only when the time-series store holds no data of
     * theirs), then publishes the new snapshot.
     */
    public ImportResult importDocument(RegistryDocument document) {
        ImportResult result = store.importDocument(document, meterData);
        if (!result.unchanged()) {
            // At once, rather than at the next poll: the caller expects to read what it just wrote.
            watch.reload();
        }
        return result;
    }

    /** Publishes a snapshot the watch loaded, after this instance's import or another instance's. */
    private void replace(Registry snapshot) {
        current = snapshot;
        changeListeners.forEach(Runnable::run);
    }

    /**
     * Runs {@code listener} after every change of the registry, imported by this instance or another one (it
     * may also run after a change no snapshot shows, such as a new password hash: clear caches, don't count).
     */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    public RegistryStore store() {
        return store;
    }

    /** The registry's relational database, shared with the quarantine. */
    public DataSource dataSource() {
        return database.dataSource();
    }
}
