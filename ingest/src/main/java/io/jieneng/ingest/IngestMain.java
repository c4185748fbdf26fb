package io.jieneng.ingest;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.ingest.sink.ReadingSink;
import io.jieneng.ingest.sink.ReadingSinks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The standalone ingest ({@code ./jieneng ingest}; scaled out horizontally). Configured by environment variables:
 * those of {@link IngestConfig}, plus the registry database: {@code JIENENG_DB_URL} (default an H2 file
 * in {@code JIENENG_DATA_DIR}, default {@code ./data}), {@code JIENENG_DB_USER},
 * {@code JIENENG_DB_PASSWORD}. The registry snapshot is reloaded every 30 seconds, so imports made
 * through analytics reach a standalone ingest within that time.
 */
public final class IngestMain {

    private static final Logger LOG = Logger.getLogger(IngestMain.class);
    private static final long RELOAD_SECONDS = 30;

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        IngestConfig config = IngestConfig.fromLookup(System::getenv);
        String url = System.getenv("JIENENG_DB_URL");
        if (url == null || url.isBlank()) {
            String dataDir = System.getenv("JIENENG_DATA_DIR");
            url = RegistryDatabase.h2FileUrl(Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir));
        }
        RegistryDatabase database = RegistryDatabase.open(url, System.getenv("JIENENG_DB_USER"),
                System.getenv("JIENENG_DB_PASSWORD"));
        RegistryStore store = database.store(new SecretHasher(config.bcryptCost()));
        AtomicReference<Registry> snapshot = new AtomicReference<>(store.load());

        ScheduledExecutorService reload = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jieneng-registry-reload");
            t.setDaemon(true);
            return t;
        });
        reload.scheduleWithFixedDelay(() -> {
            try {
                snapshot.set(store.load());
            } catch (RuntimeException e) {
                // Keep serving with the last good snapshot; the database may be restarting.
                LOG.warnf("Registry reload failed, keeping the previous snapshot: %s", e.toString());
            }
        }, RELOAD_SECONDS, RELOAD_SECONDS, TimeUnit.SECONDS);

        ReadingSink sink = ReadingSinks.create(config.store(), snapshot::get);
        IngestCore core = new IngestCore(config, snapshot::get, sink,
                new QuarantineStore(database.dataSource(), config.quarantineMaxRows()), new SimpleMeterRegistry(),
                Clock.systemUTC());
        IngestServer server = new IngestServer(core, store);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            core.close();
            reload.shutdownNow();
            database.close();
            stopped.countDown();
        }, "jieneng-ingest-shutdown"));
        server.start();
        LOG.infof("Ingest writes to %s; registry at %s", config.store(), url);
        stopped.await();
    }
}
