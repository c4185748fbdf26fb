package io.jieneng.ingest;

import io.jieneng.ingest.reading.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The ingest meters, registered once in the {@link MeterRegistry} that is passed in (analytics passes its
 * Prometheus registry). Names use dots; Prometheus shows them as {@code jieneng_ingest_...}.
 */
public final class IngestMetrics {

    public static final String CONNECTIONS = "jieneng.ingest.connections";
    public static final String MESSAGES = "jieneng.ingest.messages";
    public static final String READINGS = "jieneng.ingest.readings";
    public static final String REJECTED = "jieneng.ingest.rejected";
    public static final String CONNECT_REFUSED = "jieneng.ingest.connect.refused";
    public static final String BATCH_SIZE = "jieneng.ingest.batch.size";
    public static final String WRITE = "jieneng.ingest.write";
    public static final String WRITE_FAILURES = "jieneng.ingest.write.failures";
    public static final String PENDING_READINGS = "jieneng.ingest.pending.readings";
    public static final String QUEUE_DEPTH = "jieneng.ingest.queue.depth";
    public static final String PAUSED_CHANNELS = "jieneng.ingest.paused.channels";
    public static final String QUARANTINE_PENDING = "jieneng.ingest.quarantine.pending";

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter[] messages = new Counter[3];
    private final Counter[] readings = new Counter[3];
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    private final Timer write;
    private final Counter writeFailures;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(CONNECTIONS, connections, AtomicInteger::get).description("Open MQTT connections")
                .register(registry);
        for (int qos = 0; qos < 3; qos++) {
            messages[qos] = Counter.builder(MESSAGES).tag("qos", Integer.toString(qos))
                    .description("Messages stored").register(registry);
            readings[qos] = Counter.builder(READINGS).tag("qos", Integer.toString(qos))
                    .description("Readings stored").register(registry);
        }
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder(REJECTED).tag("reason", r.code())
                    .description("Messages refused and quarantined").register(registry));
        }
        batchSize = DistributionSummary.builder(BATCH_SIZE).baseUnit("readings")
                .description("Readings per store write").register(registry);
        write = Timer.builder(WRITE).description("Store write latency, retries excluded").register(registry);
        writeFailures = Counter.builder(WRITE_FAILURES).description("Failed store writes (retried)")
                .register(registry);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    /** A message of {@code qos} and its readings are durable in the store. */
    public void stored(int qos, int readingCount) {
        messages[qos].increment();
        readings[qos].increment(readingCount);
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    /** A CONNECT was refused; {@code reason} is a short snake_case code. */
    public void connectRefused(String reason) {
        refused.computeIfAbsent(reason, r -> Counter.builder(CONNECT_REFUSED).tag("reason", r)
                .description("Refused CONNECTs").register(registry)).increment();
    }

    public DistributionSummary batchSize() {
        return batchSize;
    }

    public Timer write() {
        return write;
    }

    public void writeFailed() {
        writeFailures.increment();
    }

    /** Registers a gauge over live state; the caller keeps {@code source} reachable. */
    public void gauge(String name, String description, Supplier<Number> source) {
        Gauge.builder(name, source).description(description).strongReference(true).register(registry);
    }
}
