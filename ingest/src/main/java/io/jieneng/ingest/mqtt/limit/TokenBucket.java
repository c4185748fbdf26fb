package io.jieneng.ingest.mqtt.limit;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code ratePerSecond}. Not thread-safe; {@link RateLimiter}
 * serialises access. Time is a monotonic nanosecond clock passed in, so the arithmetic is testable.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        this.capacity = capacity;
        this.perNano = ratePerSecond / 1e9;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes a token if one is there. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /**
     * Takes a token even when there is none, going into debt; returns how many nanoseconds until the bucket is out
     * of debt again, 0 when a token was there.
     */
    long take(long nowNanos) {
        refill(nowNanos);
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }

    /** Gives back a token taken by {@link #tryTake}, up to the capacity. */
    void refund(long nowNanos) {
        refill(nowNanos);
        tokens = Math.min(capacity, tokens + 1);
    }

    /** True when no whole token is there. */
    boolean isEmpty(long nowNanos) {
        refill(nowNanos);
        return tokens < 1;
    }

    /** True when the bucket is full, i.e. indistinguishable from a new one. */
    boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            updatedNanos = nowNanos;
        }
    }
}
