package io.jieneng.analytics.carbon;

/** Guards for physical quantities: energy deltas are never negative, so a negative input is a caller's bug. */
final class Quantities {

    private Quantities() {
    }

    static void check(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be finite and non-negative, got " + value);
        }
    }
}
