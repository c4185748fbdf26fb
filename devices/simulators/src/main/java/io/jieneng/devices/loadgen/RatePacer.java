package io.jieneng.devices.loadgen;

/**
 * How many messages an open-loop sender owes at a given time to hold {@code ratePerSecond} since it started. When
 * the sender falls behind (every window full), the debt is capped at {@code maxBacklogSeconds} of messages, so
 * that a stall is not followed by an unrealistic burst; the messages given up are counted. Not thread-safe.
 */
final class RatePacer {

    private final double ratePerSecond;
    private final long maxBacklog;
    private final long startNanos;
    private long issued;
    private long skipped;

    RatePacer(double ratePerSecond, double maxBacklogSeconds, long startNanos) {
        if (!(ratePerSecond > 0) || !Double.isFinite(ratePerSecond)) {
            throw new IllegalArgumentException("a paced rate must be a positive number, not " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.maxBacklog = Math.max(1, (long) Math.ceil(ratePerSecond * maxBacklogSeconds));
        this.startNanos = startNanos;
    }

    /** Messages due now and not yet issued; never negative. */
    long due(long nowNanos) {
        long target = (long) Math.floor(ratePerSecond * (nowNanos - startNanos) / 1e9);
        long owed = target - issued;
        if (owed > maxBacklog) {
            skipped += owed - maxBacklog;
            issued += owed - maxBacklog;
            owed = maxBacklog;
        }
        return Math.max(0, owed);
    }

    void issued(long n) {
        issued += n;
    }

    /** Messages given up, because the sender was more than the backlog behind, since the last call. */
    long takeSkipped() {
        long n = skipped;
        skipped = 0;
        return n;
    }
}
