package io.jieneng.ingest;

import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.ingest.bridge.Bridge;
import io.jieneng.ingest.bridge.BridgeConfig;
import io.jieneng.ingest.config.IngestSettings;
import io.jieneng.ingest.config.Settings;
import io.jieneng.ingest.ops.OpsConfig;
import io.jieneng.ingest.ops.OpsServer;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.store.ReadingSink;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The standalone ingest ({@code ./jieneng ingest}; scaled out horizontally). Configured by the environment variables
 * of {@link IngestSettings} (docs/CONFIG.md): the listener, the store, bridge mode when {@code JIENENG_BRIDGE_URL} is
 * set, the operations endpoint ({@code /metrics}, {@code /health/ready}) and the registry database
 * ({@code JIENENG_DB_URL}, default an H2 file in {@code JIENENG_DATA_DIR}). A value a key does not allow stops it
 * before anything starts, with one line naming the key, the value and what is allowed. The registry's change stamp
 * is polled every second and the snapshot reloaded when it moved ({@link RegistryReload}), so imports made through
 * analytics, disabled devices included, reach a standalone ingest within a second or two.
 */
public final class IngestMain {

    private static final Logger LOG = Logger.getLogger(IngestMain.class);
    private static final long RELOAD_MILLIS = 1000;

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        Optional<Config> config = configure(System.getenv(), line -> LOG.error(line));
        if (config.isEmpty()) {
            System.exit(2);
        }
        Instance ingest = start(config.get());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ingest.close();
            stopped.countDown();
        }, "jieneng-ingest-shutdown"));
        stopped.await();
    }

    /**
     * Everything the standalone ingest is configured with, read from the environment variables {@code env} before
     * anything starts.
     *
     * @param ingest the listener and the pipeline
     * @param store  where the readings are written ({@code JIENENG_STORE} and that store's address)
     * @param bridge the bridge, when {@code JIENENG_BRIDGE_URL} is set
     * @param ops    the operations endpoint
     * @param dbUrl  the registry database (default an H2 file under {@code JIENENG_DATA_DIR})
     */
    public record Config(IngestConfig ingest, StoreSettings store, Optional<BridgeConfig> bridge, OpsConfig ops,
                         String dbUrl, String dbUser, String dbPassword) {

        /**
         * Reads and checks every key.
         *
         * @throws IllegalArgumentException naming the key, the value and what is allowed
         */
        public static Config read(Map<String, String> env) {
            IngestSettings s = Settings.ingest(env);
            return new Config(IngestConfig.from(s), Stores.settings(s), BridgeConfig.from(s.bridge()),
                    OpsConfig.from(s.ingest().metrics()),
                    s.db().url().orElseGet(() -> RegistryDatabase.h2FileUrl(s.dataDir())),
                    s.db().user().orElse(null), s.db().password().orElse(null));
        }

        /** Never shows the passwords. */
        @Override
        public String toString() {
            return "Config[ingest=" + ingest + ", store=" + store + ", bridge=" + bridge + ", ops=" + ops + ", dbUrl=" + dbUrl + "]";
        }
    }

    /**
     * The configuration {@code env} describes, or empty after reporting why it cannot start: one line per refused
     * key, naming the key, the value and what is allowed (no stack trace: the line is the whole story).
     */
    static Optional<Config> configure(Map<String, String> env, Consumer<String> report) {
        try {
            return Optional.of(Config.read(env));
        } catch (Settings.InvalidSetting e) {
            e.lines().forEach(report);
        } catch (IllegalArgumentException e) {
            report.accept(e.getMessage());
        }
        return Optional.empty();
    }

    /** Starts the standalone ingest that the environment variables {@code env} describe; see {@link #start(Config)}. */
    public static Instance start(Map<String, String> env) throws Exception {
        return start(Config.read(env));
    }

    /**
     * Starts the standalone ingest: the registry, the store writer, the operations endpoint, the MQTT listener
     * unless {@code JIENENG_BRIDGE_ONLY} and the bridge when {@code JIENENG_BRIDGE_URL} is set.
     */
    public static Instance start(Config c) throws Exception {
        IngestConfig config = c.ingest();
        Optional<BridgeConfig> bridgeConfig = c.bridge();
        String url = c.dbUrl();
        Instance ingest = new Instance();
        try {
            ingest.database = RegistryDatabase.open(url, c.dbUser(), c.dbPassword(), IngestSchema.LOCATIONS);
            RegistryStore store = ingest.database.store(new SecretHasher(config.bcryptCost()));
            RegistryReload snapshot = new RegistryReload(store);
            ingest.reload = reloadEvery(RELOAD_MILLIS, snapshot);

            PrometheusMeterRegistry meters = prometheus();
            ingest.meters = meters;
            ingest.timeSeries = Stores.open(c.store(), snapshot::current);
            List<ReadingSink> sinks = Stores.sinks(ingest.timeSeries,
                    Stores.writers(ingest.timeSeries, config.storeWriters()));
            ingest.core = new IngestCore(config, snapshot::current, sinks,
                    new QuarantineStore(ingest.database.dataSource(), config.quarantineMaxRows()), meters,
                    Clock.systemUTC());
            ingest.ops = new OpsServer(c.ops(), meters::scrape, Map.of("store", ingest.core::storeReachable));
            ingest.ops.start();
            if (bridgeConfig.map(b -> !b.bridgeOnly()).orElse(true)) {
                ingest.listener = new IngestServer(ingest.core, store);
                ingest.listener.start();
            }
            if (bridgeConfig.isPresent()) {
                ingest.bridge = new Bridge(bridgeConfig.get(), ingest.core);
                ingest.bridge.start();
            }
        } catch (Exception | Error e) {
            ingest.close();
            throw e;
        }
        LOG.infof("Ingest writes to %s; registry at %s; %s%s", c.store(), url,
                ingest.listener != null ? "MQTT listener on port " + ingest.listener.port() : "no MQTT listener",
                bridgeConfig.map(b -> "; bridge from " + b.url()).orElse(""));
        return ingest;
    }

    /** The meters, with the JVM's, and a latency histogram for the store writes (Prometheus buckets). */
    private static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals(IngestMetrics.WRITE)
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        });
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ClassLoaderMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        return meters;
    }

    private static ScheduledExecutorService reloadEvery(long millis, RegistryReload snapshot) {
        ScheduledExecutorService reload = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jieneng-registry-reload");
            t.setDaemon(true);
            return t;
        });
        reload.scheduleWithFixedDelay(() -> {
            try {
                snapshot.poll();
            } catch (RuntimeException e) {
                // Keep serving with the last good snapshot; the database may be restarting.
                LOG.warnf("Registry reload failed, keeping the previous snapshot: %s", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return reload;
    }

    /** A running standalone ingest; {@link #close()} stops it in order and waits for the store. */
    public static final class Instance implements AutoCloseable {

        private RegistryDatabase database;
        private ScheduledExecutorService reload;
        private PrometheusMeterRegistry meters;
        private IngestCore core;
        private Store timeSeries;
        private OpsServer ops;
        private IngestServer listener;
        private Bridge bridge;
        private boolean closed;

        private Instance() {
        }

        public IngestCore core() {
            return core;
        }

        /** The MQTT listener; empty with {@code JIENENG_BRIDGE_ONLY=true}. */
        public Optional<IngestServer> listener() {
            return Optional.ofNullable(listener);
        }

        /** The bridge; empty unless {@code JIENENG_BRIDGE_URL} is set. */
        public Optional<Bridge> bridge() {
            return Optional.ofNullable(bridge);
        }

        /** The port serving {@code /metrics} and {@code /health/*}. */
        public int opsPort() {
            return ops.port();
        }

        /**
         * Stops taking messages (listener, then bridge, which drains the writers so that their acknowledgements
         * still go out), closes the store, and only then the operations endpoint, the reload and the database.
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                listener.close();
            }
            if (bridge != null) {
                bridge.close();
            }
            if (core != null) {
                core.close();
            }
            if (timeSeries != null) {
                timeSeries.close();
            }
            if (ops != null) {
                ops.close();
            }
            if (meters != null) {
                meters.close();
            }
            if (reload != null) {
                reload.shutdownNow();
            }
            if (database != null) {
                database.close();
            }
        }
    }
}
