package io.jieneng.analytics.alert.webhook;

import java.time.Duration;

/**
 * Exponential backoff between webhook attempts: the first retry after {@code initial}, each next one after twice
 * the previous wait, never more than {@code max}. Deterministic, so the delivery log's next attempt is exact.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and at least one attempt: "
                    + initial + ", " + max + ", " + maxAttempts);
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1-based). */
    public Duration delayAfter(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts start at 1: " + attempts);
        }
        // Doubling 62 times overflows a long of nanoseconds; long before that the cap applies.
        int doublings = Math.min(attempts - 1, 40);
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** True when a delivery that has failed {@code attempts} times is given up. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
