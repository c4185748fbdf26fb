package io.jieneng.analytics.node;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.bridge.Bridge;
import io.jieneng.ingest.bridge.BridgeConfig;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.store.Stores;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ingest inside this process (single node): the same {@link IngestServer} listener and, with
 * {@code JIENENG_BRIDGE_URL}, the same broker {@link Bridge} that the standalone ingest runs, configured by the same
 * {@code JIENENG_MQTT_*}, {@code JIENENG_INGEST_*} and {@code JIENENG_BRIDGE_*} keys (the ingest's mapping, which
 * {@link JienengConfig} extends), writing to the store analytics
 * reads and to the quarantine in the registry database.
 */
@ApplicationScoped
public class InProcessIngest {

    public static final int STARTUP_PRIORITY = TimeSeriesStore.STARTUP_PRIORITY + 10;
    private static final Logger LOG = Logger.getLogger(InProcessIngest.class);

    @Inject
    JienengConfig config;

    @Inject
    RegistryService registry;

    @Inject
    TimeSeriesStore store;

    @Inject
    MeterRegistry meters;

    private IngestCore core;
    private IngestServer server;
    private Bridge bridge;
    private QuarantineStore quarantine;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) throws InterruptedException {
        // The ingest keys are those of the standalone ingest: JienengConfig extends its mapping.
        IngestConfig ingest = IngestConfig.from(config);
        quarantine = new QuarantineStore(registry.dataSource(), ingest.quarantineMaxRows());
        if (!config.inProcessIngest()) {
            LOG.info("in-process ingest disabled (JIENENG_IN_PROCESS_INGEST=false); run ./jieneng ingest instead");
            return;
        }
        Optional<BridgeConfig> bridgeConfig = BridgeConfig.from(config.bridge());
        core = new IngestCore(ingest, registry::current, Stores.sinks(store.store(),
                Stores.writers(store.store(), ingest.storeWriters())), quarantine, meters, Clock.systemUTC());
        if (bridgeConfig.map(b -> !b.bridgeOnly()).orElse(true)) {
            server = new IngestServer(core, registry.store());
            server.start();
        }
        if (bridgeConfig.isPresent()) {
            bridge = new Bridge(bridgeConfig.get(), core);
            bridge.start();
        }
    }

    // Stopped first: acknowledged-pending readings are flushed while the store is still up. The listener goes
    // before the bridge, because closing the bridge drains the shared core.
    void stop(@Observes @Priority(RegistryService.STARTUP_PRIORITY) ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (core != null) {
            core.close();
        }
    }

    /** The broker bridge, when {@code JIENENG_BRIDGE_URL} is set. */
    public Optional<Bridge> bridge() {
        return Optional.ofNullable(bridge);
    }

    /** The bound plain-TCP MQTT port, when that listener runs in this process. */
    public OptionalInt port() {
        return server == null || !core.config().plainEnabled() ? OptionalInt.empty() : OptionalInt.of(server.port());
    }

    /** The bound MQTT-over-TLS port, when that listener runs in this process. */
    public OptionalInt tlsPort() {
        return server == null || core.config().tls() == null ? OptionalInt.empty() : OptionalInt.of(server.tlsPort());
    }

    /** The quarantine of refused messages, shared with any standalone ingest through the registry database. */
    public QuarantineStore quarantine() {
        return quarantine;
    }
}
