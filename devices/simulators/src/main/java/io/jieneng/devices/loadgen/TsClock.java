package io.jieneng.devices.loadgen;

/**
 * The reading timestamps of one simulated meter: {@code start}, {@code start + step}, ... in epoch milliseconds, so
 * that every (meter, ts) is distinct and the store keeps every reading. It starts some time in the past and never
 * hands out a timestamp after the wall clock, because ingest refuses readings from the future. A step of 0 repeats
 * {@code start} on purpose, to load the duplicate path. Not thread-safe.
 */
final class TsClock {

    private final long stepMillis;
    private long next;

    TsClock(long startMillis, long stepMillis) {
        if (stepMillis < 0) {
            throw new IllegalArgumentException("the timestamp step must not be negative, was " + stepMillis);
        }
        this.next = startMillis;
        this.stepMillis = stepMillis;
    }

    /**
     * Reserves the timestamps of {@code count} readings and returns the first, or -1 when the last would lie after
     * {@code nowMillis}: the meter has caught up with the wall clock and must wait.
     */
    long reserve(int count, long nowMillis) {
        long last = next + (count - 1L) * stepMillis;
        if (last > nowMillis) {
            return -1;
        }
        long first = next;
        next = last + stepMillis;
        return first;
    }

    long stepMillis() {
        return stepMillis;
    }

    /** The timestamp the next reading would get. */
    long peek() {
        return next;
    }
}
