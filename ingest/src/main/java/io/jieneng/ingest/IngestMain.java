package io.jieneng.ingest;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.ingest.bridge.Bridge;
import io.jieneng.ingest.bridge.BridgeConfig;
import io.jieneng.ingest.ops.OpsConfig;
import io.jieneng.ingest.ops.OpsServer;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.store.ReadingSink;
import io.jieneng.store.Store;
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

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The standalone ingest ({@code ./jieneng ingest}; scaled out horizontally). Configured by environment variables:
 * those of {@link IngestConfig}, {@link BridgeConfig} (bridge mode when {@code JIENENG_BRIDGE_URL} is set) and
 * {@link OpsConfig} ({@code /metrics}, {@code /health/ready}), plus the registry database: {@code JIENENG_DB_URL}
 * (default an H2 file in {@code JIENENG_DATA_DIR}, default {@code ./data}), {@code JIENENG_DB_USER},
 * {@code JIENENG_DB_PASSWORD}. The registry snapshot is reloaded every 30 seconds, so imports made through
 * analytics reach a standalone ingest within that time.
 */
public final class IngestMain {

    private static final Logger LOG = Logger.getLogger(IngestMain.class);
    private static final long RELOAD_SECONDS = 30;

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        Instance ingest = start(System::getenv);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ingest.close();
            stopped.countDown();
        }, "jieneng-ingest-shutdown"));
        stopped.await();
    }

    /**
     * Starts the standalone ingest that {@code env} describes ({@code env} returns {@code null} for a key that is
     * not set): the registry, the store writer, the operations endpoint, the MQTT listener unless
     * {@code JIENENG_BRIDGE_ONLY} and the bridge when {@code JIENENG_BRIDGE_URL} is set. Every key is read before
     * anything starts, so a bad value fails at once, naming the key.
     */
    public static Instance start(Function<String, String> env) throws Exception {
        IngestConfig config = IngestConfig.fromLookup(env);
        Optional<BridgeConfig> bridgeConfig = BridgeConfig.fromLookup(env);
        OpsConfig opsConfig = OpsConfig.fromLookup(env);
        String url = env.apply("JIENENG_DB_URL");
        if (url == null || url.isBlank()) {
            String dataDir = env.apply("JIENENG_DATA_DIR");
            url = RegistryDatabase.h2FileUrl(Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir));
        }
        Instance ingest = new Instance();
        try {
            ingest.database = RegistryDatabase.open(url, env.apply("JIENENG_DB_USER"), env.apply("JIENENG_DB_PASSWORD"));
            RegistryStore store = ingest.database.store(new SecretHasher(config.bcryptCost()));
            AtomicReference<Registry> snapshot = new AtomicReference<>(store.load());
            ingest.reload = reloadEvery(RELOAD_SECONDS, store, snapshot);

            PrometheusMeterRegistry meters = prometheus();
            ingest.meters = meters;
            ingest.timeSeries = Stores.open(config.store(), snapshot::get);
            List<ReadingSink> sinks = Stores.sinks(ingest.timeSeries,
                    Stores.writers(ingest.timeSeries, config.storeWriters()));
            ingest.core = new IngestCore(config, snapshot::get, sinks,
                    new QuarantineStore(ingest.database.dataSource(), config.quarantineMaxRows()), meters,
                    Clock.systemUTC());
            ingest.ops = new OpsServer(opsConfig, meters::scrape, Map.of("store", ingest.core::storeReachable));
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
        LOG.infof("Ingest writes to %s; registry at %s; %s%s", config.store(), url,
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

    private static ScheduledExecutorService reloadEvery(long seconds, RegistryStore store,
                                                        AtomicReference<Registry> snapshot) {
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
        }, seconds, seconds, TimeUnit.SECONDS);
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
