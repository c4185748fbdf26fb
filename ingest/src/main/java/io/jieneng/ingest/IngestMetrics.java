package io.jieneng.ingest;

import io.jieneng.ingest.reading.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
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
    public static final String RATE_LIMITED = "jieneng.ingest.rate.limited";
    public static final String IP_REFUSED = "jieneng.ingest.ip.refused";
    public static final String TLS_HANDSHAKE_FAILURES = "jieneng.ingest.tls.handshake.failures";
    public static final String PROTOCOL_VIOLATIONS = "jieneng.ingest.protocol.violations";
    public static final String DISCONNECTS = "jieneng.ingest.disconnects";
    public static final String SESSIONS = "jieneng.ingest.sessions";
    public static final String SESSIONS_EVICTED = "jieneng.ingest.sessions.evicted";
    public static final String ERRORS = "jieneng.ingest.errors";
    public static final String WRITE_STALLED = "jieneng.ingest.write.stalled";

    /**
     * The buckets of the write latency histogram: a healthy local store answers in milliseconds, a struggling one
     * in seconds, and anything beyond 10 s is an outage the write failures show better.
     */
    static final Duration[] WRITE_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter[] messages = new Counter[3];
    private final Counter[] readings = new Counter[3];
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    private final Timer write;
    private final Counter writeFailures;
    private final Map<String, Counter> tagged = new ConcurrentHashMap<>();
    private final Counter ipRefused;
    private final Counter tlsFailures;
    private final Counter errors;
    private final Counter writeStalled;

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
        // Explicit buckets make it a Prometheus histogram (jieneng_ingest_write_seconds_bucket{le}), so p50/p99
        // can be computed across replicas with histogram_quantile.
        write = Timer.builder(WRITE).description("Store write latency, retries excluded")
                .serviceLevelObjectives(WRITE_BUCKETS).register(registry);
        writeFailures = Counter.builder(WRITE_FAILURES).description("Failed store writes (retried)")
                .register(registry);
        ipRefused = Counter.builder(IP_REFUSED)
                .description("Sockets closed at accept: their address had too many connections").register(registry);
        tlsFailures = Counter.builder(TLS_HANDSHAKE_FAILURES).description("Failed TLS handshakes")
                .register(registry);
        writeStalled = Counter.builder(WRITE_STALLED)
                .description("Connections closed for not reading their replies").register(registry);
        errors = Counter.builder(ERRORS).description("Unexpected errors that closed a connection")
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

    /**
     * A PUBLISH over its device's rate: {@code refused} (MQTT 5 QoS 1/2, answered 0x97 and not stored) or
     * {@code slowed} (stored; the socket's reads paused until the rate allows more).
     */
    public void rateLimited(boolean refused) {
        taggedCounter(RATE_LIMITED, "action", refused ? "refused" : "slowed", "PUBLISH packets over the device rate")
                .increment();
    }

    public void ipRefused() {
        ipRefused.increment();
    }

    public void tlsHandshakeFailed() {
        tlsFailures.increment();
    }

    /** A connection broke the protocol; {@code reason} is the snake_case name of the MQTT 5 reason code. */
    public void protocolViolation(String reason) {
        taggedCounter(PROTOCOL_VIOLATIONS, "reason", reason, "Connections closed for breaking the protocol")
                .increment();
    }

    /** The server closed a connection; {@code reason} is the snake_case name of the MQTT 5 reason code. */
    public void disconnected(String reason) {
        taggedCounter(DISCONNECTS, "reason", reason, "Connections closed by the server").increment();
    }

    /** A stored session was dropped; {@code cause} is {@code expired} or {@code capacity}. */
    public void sessionEvicted(String cause) {
        taggedCounter(SESSIONS_EVICTED, "cause", cause, "Stored sessions dropped").increment();
    }

    /** A connection was closed because it did not read its replies ({@code WriteStall}). */
    public void writeStalled() {
        writeStalled.increment();
    }

    public void unexpectedError() {
        errors.increment();
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
        gauge(name, Tags.empty(), description, source);
    }

    /** Registers a tagged gauge over live state. */
    public void gauge(String name, Tags tags, String description, Supplier<Number> source) {
        Gauge.builder(name, source).tags(tags).description(description).strongReference(true).register(registry);
    }

    private Counter taggedCounter(String name, String tag, String value, String description) {
        return tagged.computeIfAbsent(name + '\0' + value, k -> Counter.builder(name).tag(tag, value)
                .description(description).register(registry));
    }
}
