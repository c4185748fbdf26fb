package io.jieneng.ingest.mqtt.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * Abuse limits that protect the shared endpoint from one device or one address.
 *
 * @param messagesPerSecond   sustained PUBLISH rate per device id, over all its connections; 0 disables the limit
 * @param messageBurst        PUBLISH packets a device may send at once before the rate applies (token bucket size)
 * @param maxConnectionsPerIp open sockets per source address; 0 means unlimited
 * @param failuresPerAddress  failed CONNECTs a source address (an IPv6 /64) may make before it is refused unheard
 * @param failuresPerUser     failed CONNECTs a device id may get before it is refused unheard
 * @param writeStall          how long a connection may leave its replies unread (outbound buffer over its high
 *                            watermark) before it is closed
 */
public record Limits(double messagesPerSecond, int messageBurst, int maxConnectionsPerIp,
                     FailureBudget failuresPerAddress, FailureBudget failuresPerUser, Duration writeStall) {

    /** The defaults of the CONNECT failure budgets and the write stall, as docs/CONFIG.md lists them. */
    public static final FailureBudget DEFAULT_PER_ADDRESS = new FailureBudget(20, 60);
    public static final FailureBudget DEFAULT_PER_USER = new FailureBudget(10, 6);
    public static final Duration DEFAULT_WRITE_STALL = Duration.ofSeconds(10);

    public Limits {
        if (messagesPerSecond < 0 || Double.isNaN(messagesPerSecond) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("messagesPerSecond must be finite and at least 0");
        }
        if (messageBurst < 1) {
            throw new IllegalArgumentException("messageBurst must be at least 1");
        }
        if (maxConnectionsPerIp < 0) {
            throw new IllegalArgumentException("maxConnectionsPerIp must be at least 0");
        }
        Objects.requireNonNull(failuresPerAddress, "failuresPerAddress");
        Objects.requireNonNull(failuresPerUser, "failuresPerUser");
        if (writeStall == null || writeStall.isNegative() || writeStall.isZero()) {
            throw new IllegalArgumentException("writeStall must be positive");
        }
    }

    /** The message and connection limits, with the default CONNECT failure budgets and write stall. */
    public Limits(double messagesPerSecond, int messageBurst, int maxConnectionsPerIp) {
        this(messagesPerSecond, messageBurst, maxConnectionsPerIp, DEFAULT_PER_ADDRESS, DEFAULT_PER_USER,
                DEFAULT_WRITE_STALL);
    }

    /** True when devices are rate limited at all. */
    public boolean rateLimited() {
        return messagesPerSecond > 0;
    }

    /**
     * How many failed CONNECTs are forgiven: {@code burst} at once, then {@code perMinute} (a token bucket).
     *
     * @param burst     0 turns the budget off (no throttling)
     * @param perMinute the refill rate; at least 0
     */
    public record FailureBudget(int burst, double perMinute) {

        public FailureBudget {
            if (burst < 0) {
                throw new IllegalArgumentException("burst must be at least 0");
            }
            if (perMinute < 0 || Double.isNaN(perMinute) || Double.isInfinite(perMinute)) {
                throw new IllegalArgumentException("perMinute must be finite and at least 0");
            }
        }

        public boolean enabled() {
            return burst > 0;
        }
    }
}
