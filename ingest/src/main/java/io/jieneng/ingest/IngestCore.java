package io.jieneng.ingest;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.mqtt.publish.PublishService;
import io.jieneng.ingest.pipeline.Backoff;
import io.jieneng.ingest.pipeline.BatchWriter;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.quarantine.QuarantineWriter;
import io.jieneng.ingest.quarantine.StoreRefusal;
import io.jieneng.ingest.reading.ReadingDecoder;
import io.jieneng.ingest.reading.RejectReason;
import io.jieneng.store.ReadingSink;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The part of ingest every entry point shares: decoding and validation, the batch writer in front of the store,
 * the quarantine writer, and the metrics. The MQTT listener ({@code IngestServer}) and the broker bridge both
 * feed it, so readings from either are batched together and acknowledged only once durable.
 */
public final class IngestCore implements AutoCloseable {

    private static final int QUARANTINE_MAX_PENDING = 10_000;

    private final IngestConfig config;
    private final Supplier<Registry> registry;
    private final List<ReadingSink> sinks;
    private final IngestMetrics metrics;
    private final BatchWriter writer;
    private final QuarantineWriter quarantine;
    private final PublishService publish;
    private final Clock clock;
    private boolean closed;

    /**
     * Starts the writers, with one store writer.
     *
     * @param registry the current registry snapshot; called for every message, so it must be cheap
     * @param sink     the store writer; closed by {@link #close()}
     */
    public IngestCore(IngestConfig config, Supplier<Registry> registry, ReadingSink sink, QuarantineStore quarantine,
                      MeterRegistry meters, Clock clock) {
        this(config, registry, List.of(sink), quarantine, meters, clock);
    }

    /**
     * Starts the writers: one store writer thread per sink ({@code Stores.sinks}).
     *
     * @param sinks the store writers, each used by one thread only; closed by {@link #close()}
     */
    public IngestCore(IngestConfig config, Supplier<Registry> registry, List<ReadingSink> sinks,
                      QuarantineStore quarantine, MeterRegistry meters, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.metrics = new IngestMetrics(meters);
        this.quarantine = new QuarantineWriter(quarantine, Backoff.DEFAULT, QUARANTINE_MAX_PENDING, metrics);
        this.writer = new BatchWriter(this.sinks, new BatchWriter.Settings(config.batchMaxReadings(),
                config.batchMaxDelay(), config.maxPendingReadings(), Backoff.DEFAULT), metrics, this::storeRefused);
        this.publish = new PublishService(registry, new ReadingDecoder(config.decodeLimits(), config.zone()), clock);
        writer.start();
    }

    private CompletableFuture<Long> storeRefused(Reading reading, String storeMessage) {
        metrics.rejected(RejectReason.STORE_REFUSED);
        return quarantine.submit(StoreRefusal.of(reading, storeMessage, clock.instant()));
    }

    public IngestConfig config() {
        return config;
    }

    public Supplier<Registry> registry() {
        return registry;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    public BatchWriter writer() {
        return writer;
    }

    public QuarantineWriter quarantine() {
        return quarantine;
    }

    /** Topic check and payload decoding, Netty-free. */
    public PublishService publish() {
        return publish;
    }

    public Clock clock() {
        return clock;
    }

    /** True when the store answers. */
    public boolean storeReachable() {
        return sinks.get(0).isReachable();
    }

    /**
     * Stops taking work and writes what is queued, waiting at most {@code timeout} per writer; the completions
     * (acknowledgements) of what gets written still run. Safe to call more than once.
     */
    public void drain(Duration timeout) {
        writer.close(timeout);
        quarantine.close(timeout);
    }

    /** Drains (10 s at most per writer), then closes the sink. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        drain(Duration.ofSeconds(10));
        sinks.forEach(ReadingSink::close);
    }
}
