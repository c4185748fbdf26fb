package io.jieneng.devices.sim;

/**
 * Simulated time: starts at the wall-clock instant the simulator started and runs {@code speed} times as fast,
 * measured with {@link System#nanoTime()} so that it never steps back when the system clock is adjusted.
 *
 * @param startMillis the start instant, epoch ms; the backfill ends here
 */
record SimClock(long startMillis, long startNanos, double speed) {

    static SimClock startingAt(long startMillis, double speed) {
        return new SimClock(startMillis, System.nanoTime(), speed);
    }

    long nowMillis() {
        return startMillis + (long) ((System.nanoTime() - startNanos) / 1e6 * speed);
    }
}
