package io.jieneng.analytics.platform;

import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.ingest.sink.ReadingSinks;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.OptionalInt;

/**
 * The MQTT ingest inside this process (single node). It is the same {@link IngestServer} the standalone ingest
 * runs, configured by the same {@code JIENENG_MQTT_*} and {@code JIENENG_INGEST_*} keys, writing to the store
 * analytics reads and to the quarantine in the registry database.
 */
@ApplicationScoped
public class InProcessIngest {

    public static final int STARTUP_PRIORITY = TimeSeriesStore.STARTUP_PRIORITY + 10;
    private static final Logger LOG = Logger.getLogger(InProcessIngest.class);

    @Inject
    JienengConfig config;

    @Inject
    Config rawConfig;

    @Inject
    RegistryService registry;

    @Inject
    TimeSeriesStore store;

    @Inject
    MeterRegistry meters;

    private IngestCore core;
    private IngestServer server;
    private QuarantineStore quarantine;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) throws InterruptedException {
        // The ingest keys are looked up by their environment-variable names, exactly as the standalone main does.
        IngestConfig ingest = IngestConfig.fromLookup(
                name -> rawConfig.getOptionalValue(name, String.class).orElse(null));
        quarantine = new QuarantineStore(registry.dataSource(), ingest.quarantineMaxRows());
        if (!config.inProcessIngest()) {
            LOG.info("in-process ingest disabled (JIENENG_IN_PROCESS_INGEST=false); run ./jieneng ingest instead");
            return;
        }
        core = new IngestCore(ingest, registry::current, ReadingSinks.create(store.settings(), registry::current),
                quarantine, meters, Clock.systemUTC());
        server = new IngestServer(core, registry.store());
        server.start();
    }

    // Stopped first: acknowledged-pending readings are flushed while the store is still up.
    void stop(@Observes @Priority(RegistryService.STARTUP_PRIORITY) ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
        if (core != null) {
            core.close();
        }
    }

    /** The bound MQTT port, when ingest runs in this process. */
    public OptionalInt port() {
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.port());
    }

    /** The quarantine of refused messages, shared with any standalone ingest through the registry database. */
    public QuarantineStore quarantine() {
        return quarantine;
    }
}
