package io.jieneng.devices.sim.profile;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * The cumulative registers of one meter as a pure, non-decreasing function of time: the initial values at the
 * anchor (local midnight of commissioning) plus the integral of the rates since, by the trapezoid rule on a fixed
 * 15-minute grid and linear interpolation between grid points.
 *
 * <p>Because the value at an instant does not depend on which instants were asked before, a restarted simulator
 * sends the same registers for the same (meter, ts), and backfill and live readings can never disagree. Whole days
 * are summed once and kept, so a reading costs at most one day of rate evaluations. Not thread-safe.
 */
final class RegisterCurve {

    static final long STEP_MILLIS = 900_000L;
    static final int STEPS_PER_DAY = (int) (SiteTime.DAY_MILLIS / STEP_MILLIS);
    private static final int N = MeterRates.REGISTERS.length;
    private static final double STEP_HOURS = STEP_MILLIS / 3_600_000.0;

    private final LongFunction<MeterRates> rates;
    private final long anchorDay;
    private final double[] initial;

    /** Register totals accumulated from the anchor to the start of day anchorDay + k, at [k * N + i]. */
    private double[] dayStarts;
    private int daysKnown;

    private long gridDay = Long.MIN_VALUE;
    /** Rates at the day's 97 grid points, and the integral from the day's start to each, at [p * N + i]. */
    private final double[] gridRates = new double[(STEPS_PER_DAY + 1) * N];
    private final double[] gridIntegral = new double[(STEPS_PER_DAY + 1) * N];

    /**
     * @param rates     the meter's rates at an instant
     * @param anchorDay local epoch day at whose midnight the registers hold {@code initial}
     * @param initial   register values at the anchor, in the order of {@link MeterRates#REGISTERS}
     */
    RegisterCurve(LongFunction<MeterRates> rates, long anchorDay, double[] initial) {
        if (initial.length != N) {
            throw new IllegalArgumentException("expected " + N + " initial values");
        }
        this.rates = rates;
        this.anchorDay = anchorDay;
        this.initial = initial.clone();
        this.dayStarts = new double[64 * N];
        this.daysKnown = 1;
    }

    long anchorMillis() {
        return SiteTime.startOfDayMillis(anchorDay);
    }

    /** The registers at {@code epochMillis}; before the anchor, the initial values. */
    double[] valuesAt(long epochMillis) {
        long t = Math.max(epochMillis, anchorMillis());
        long day = SiteTime.epochDayOf(t);
        int k = Math.toIntExact(day - anchorDay);
        ensureDayStarts(k);
        fillGrid(day);
        long sinceMidnight = t - SiteTime.startOfDayMillis(day);
        int p = (int) (sinceMidnight / STEP_MILLIS);
        double fraction = (sinceMidnight - p * STEP_MILLIS) / (double) STEP_MILLIS;
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            double within = gridIntegral[p * N + i];
            if (fraction > 0) {
                double r0 = gridRates[p * N + i];
                double r1 = gridRates[(p + 1) * N + i];
                double rt = r0 + (r1 - r0) * fraction;
                within += (r0 + rt) / 2.0 * fraction * STEP_HOURS;
            }
            out[i] = initial[i] + dayStarts[k * N + i] + within;
        }
        return out;
    }

    private void ensureDayStarts(int k) {
        if (dayStarts.length < (k + 1) * N) {
            dayStarts = Arrays.copyOf(dayStarts, Math.max(dayStarts.length * 2, (k + 1) * N));
        }
        while (daysKnown <= k) {
            int previous = daysKnown - 1;
            fillGrid(anchorDay + previous);
            for (int i = 0; i < N; i++) {
                dayStarts[daysKnown * N + i] = dayStarts[previous * N + i] + gridIntegral[STEPS_PER_DAY * N + i];
            }
            daysKnown++;
        }
    }

    private void fillGrid(long day) {
        if (day == gridDay) {
            return;
        }
        long start = SiteTime.startOfDayMillis(day);
        for (int p = 0; p <= STEPS_PER_DAY; p++) {
            MeterRates r = rates.apply(start + p * STEP_MILLIS);
            for (int i = 0; i < N; i++) {
                gridRates[p * N + i] = r.registerRatePerHour(i);
                gridIntegral[p * N + i] = p == 0 ? 0.0
                        : gridIntegral[(p - 1) * N + i]
                            + (gridRates[(p - 1) * N + i] + gridRates[p * N + i]) / 2.0 * STEP_HOURS;
            }
        }
        gridDay = day;
    }
}
