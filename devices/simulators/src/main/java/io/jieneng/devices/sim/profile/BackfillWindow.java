package io.jieneng.devices.sim.profile;

/**
 * The timestamps a meter reports in a period: multiples of its interval since the epoch, in
 * ({@code fromExclusive}, {@code toInclusive}], and none before its first allowed instant. A period of N days
 * thus holds exactly N × 86400 ÷ interval readings when the meter was commissioned before it.
 *
 * @param firstMillis the first timestamp; greater than {@code lastMillis} when the window is empty
 * @param lastMillis  the last timestamp
 * @param stepMillis  the interval
 */
public record BackfillWindow(long firstMillis, long lastMillis, long stepMillis) {

    public BackfillWindow {
        if (stepMillis <= 0) {
            throw new IllegalArgumentException("step must be positive: " + stepMillis);
        }
    }

    public static BackfillWindow of(long fromExclusive, long toInclusive, long stepMillis, long notBeforeMillis) {
        long first = Math.max(alignUp(fromExclusive + 1, stepMillis), alignUp(notBeforeMillis, stepMillis));
        long last = Math.floorDiv(toInclusive, stepMillis) * stepMillis;
        return new BackfillWindow(first, last, stepMillis);
    }

    /** How many readings the window holds. */
    public int count() {
        return firstMillis > lastMillis ? 0 : Math.toIntExact((lastMillis - firstMillis) / stepMillis + 1);
    }

    private static long alignUp(long millis, long step) {
        return Math.floorDiv(millis + step - 1, step) * step;
    }
}
