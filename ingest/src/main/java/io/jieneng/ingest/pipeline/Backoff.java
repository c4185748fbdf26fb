package io.jieneng.ingest.pipeline;

import java.time.Duration;

/**
 * Capped exponential backoff between retries of a write that must not be dropped.
 *
 * @param initial the first pause
 * @param max     the longest pause; retries go on forever at this pace
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The pause after {@code previous}: twice as long, at most {@link #max}. */
    public Duration next(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
