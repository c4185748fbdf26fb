package io.jieneng.ingest.mqtt.limit;

import io.jieneng.ingest.IngestMetrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The per-device PUBLISH rate (docs/CONTRACT.md §1, rate limits): one token bucket per device id, shared by all the
 * device's connections, so opening more connections buys no more rate. Buckets that have refilled are forgotten
 * by {@link #sweep()}, so memory follows the devices that are busy now, not all that ever connected.
 */
public final class RateLimiter {

    /**
     * What to do with one PUBLISH.
     *
     * @param refused    answer it 0x97 (quota exceeded) and do not store it
     * @param pauseNanos store it, then stop reading the socket this long (0: keep reading)
     */
    public record Verdict(boolean refused, long pauseNanos) {
        static final Verdict PASS = new Verdict(false, 0);
        static final Verdict REFUSE = new Verdict(true, 0);
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final IngestMetrics metrics;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Limits limits, LongSupplier nanoTime, IngestMetrics metrics) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
    }

    /**
     * Decides about one PUBLISH of {@code deviceId}. Over the rate, a message that can be refused (MQTT 5 QoS 1 or
     * 2, whose sender learns of it from the reason code and keeps the message) is refused; any other (MQTT 5 QoS 0,
     * every MQTT 3.1.1 message) is processed, and the connection slowed down instead, since its sender would
     * never learn that it was dropped.
     */
    public Verdict admit(String deviceId, boolean refusable) {
        if (unlimited()) {
            return Verdict.PASS;
        }
        if (refusable) {
            if (tryAcquire(deviceId)) {
                return Verdict.PASS;
            }
            metrics.rateLimited(true);
            return Verdict.REFUSE;
        }
        long wait = acquire(deviceId);
        if (wait == 0) {
            return Verdict.PASS;
        }
        metrics.rateLimited(false);
        return new Verdict(false, wait);
    }

    /** True when there is no limit. */
    public boolean unlimited() {
        return !limits.rateLimited();
    }

    /** Takes a token of {@code deviceId} if one is there; false when the device is over its rate. */
    public boolean tryAcquire(String deviceId) {
        if (unlimited()) {
            return true;
        }
        boolean[] taken = new boolean[1];
        long now = nanoTime.getAsLong();
        buckets.compute(deviceId, (id, bucket) -> {
            TokenBucket b = bucket != null ? bucket : newBucket(now);
            taken[0] = b.tryTake(now);
            return b;
        });
        return taken[0];
    }

    /**
     * Takes a token of {@code deviceId} even when it is over its rate, and returns how many nanoseconds its
     * connection should stop reading so that the rate holds; 0 when within the rate.
     */
    public long acquire(String deviceId) {
        if (unlimited()) {
            return 0;
        }
        long[] wait = new long[1];
        long now = nanoTime.getAsLong();
        buckets.compute(deviceId, (id, bucket) -> {
            TokenBucket b = bucket != null ? bucket : newBucket(now);
            wait[0] = b.take(now);
            return b;
        });
        return wait[0];
    }

    /** Forgets the buckets that are full again; returns how many are left. */
    public int sweep() {
        long now = nanoTime.getAsLong();
        buckets.keySet().forEach(id -> buckets.computeIfPresent(id, (k, b) -> b.isFull(now) ? null : b));
        return buckets.size();
    }

    private TokenBucket newBucket(long now) {
        return new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(), now);
    }
}
