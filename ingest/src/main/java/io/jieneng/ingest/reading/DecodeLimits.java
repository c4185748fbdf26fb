package io.jieneng.ingest.reading;

import java.time.Duration;

/**
 * The bounds a payload must stay within (docs/CONTRACT.md §1).
 *
 * @param maxPayloadBytes the largest payload accepted, in bytes (64 KiB by contract)
 * @param maxReadings     the most readings in one array (10,000 by contract)
 * @param maxFuture       how far ahead of the server clock a {@code ts} may lie (5 minutes by contract)
 * @param maxAge          how far behind the server clock the {@code ts} of a meter without a commissioning date
 *                        may lie (400 days by default): the bound that keeps one reading at {@code ts=0} from
 *                        making the rollups recompute decades
 */
public record DecodeLimits(int maxPayloadBytes, int maxReadings, Duration maxFuture, Duration maxAge) {

    public static final DecodeLimits CONTRACT = new DecodeLimits(64 * 1024, 10_000, Duration.ofMinutes(5),
            Duration.ofDays(400));

    public DecodeLimits {
        if (maxPayloadBytes < 1 || maxReadings < 1 || maxFuture.isNegative() || maxAge.isNegative()
                || maxAge.isZero()) {
            throw new IllegalArgumentException("decode limits must be positive: " + maxPayloadBytes + ", "
                    + maxReadings + ", " + maxFuture + ", " + maxAge);
        }
    }
}
