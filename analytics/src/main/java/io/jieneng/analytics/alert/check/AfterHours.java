package io.jieneng.analytics.alert.check;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.devices.calendar.WorkingCalendar;

/**
 * Mean power during and outside working hours from hourly energy (docs/DOMAIN.md §6): the energy of an hour divided
 * by its length is its mean power, so an hour that working hours cut (08:00–09:00 with work from 08:30) gives
 * each part the hour's mean power for the time it covers. That is exact when the power is steady within the
 * hour, and never moves energy between hours.
 *
 * @param workingKwh      energy attributed to working time, kWh
 * @param workingHours    working time in the range, h
 * @param afterHoursKwh   energy attributed to the rest, kWh
 * @param afterHoursHours the rest of the range, h
 */
public record AfterHours(double workingKwh, double workingHours, double afterHoursKwh, double afterHoursHours) {

    /** Splits each bucket's energy of {@code grid} ({@code energyKwh[i]}) between working and other time. */
    public static AfterHours of(double[] energyKwh, BucketGrid grid, WorkingCalendar calendar) {
        return of(energyKwh, grid, workingShares(grid, calendar));
    }

    /** Per bucket of {@code grid}, the share of it that is working time, in [0, 1]. */
    public static double[] workingShares(BucketGrid grid, WorkingCalendar calendar) {
        double[] shares = new double[grid.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = calendar.workingTimeBetween(grid.start(i), grid.end(i)).toMillis()
                    / (double) (grid.endMillis(i) - grid.startMillis(i));
        }
        return shares;
    }

    /**
     * As {@link #of(double[], BucketGrid, WorkingCalendar)} with the shares computed once by
     * {@link #workingShares}, since every institution of a run shares the grid and the calendar.
     */
    public static AfterHours of(double[] energyKwh, BucketGrid grid, double[] workingShares) {
        if (energyKwh.length != grid.size() || workingShares.length != grid.size()) {
            throw new IllegalArgumentException("expected " + grid.size() + " buckets, got " + energyKwh.length
                    + " and " + workingShares.length);
        }
        double workKwh = 0;
        double workH = 0;
        double restKwh = 0;
        double restH = 0;
        for (int i = 0; i < energyKwh.length; i++) {
            double lengthH = (grid.endMillis(i) - grid.startMillis(i)) / 3_600_000.0;
            double share = workingShares[i];
            workKwh += energyKwh[i] * share;
            restKwh += energyKwh[i] * (1 - share);
            workH += lengthH * share;
            restH += lengthH * (1 - share);
        }
        return new AfterHours(workKwh, workH, restKwh, restH);
    }

    /** Mean power in working time, kW; NaN without working time. */
    public double meanWorkingKw() {
        return workingHours > 0 ? workingKwh / workingHours : Double.NaN;
    }

    /** Mean power outside working time, kW; NaN when the range is all working time. */
    public double meanAfterHoursKw() {
        return afterHoursHours > 0 ? afterHoursKwh / afterHoursHours : Double.NaN;
    }

    /**
     * Mean after-hours power ÷ mean working-hours power; NaN when either mean is undefined or the working power is
     * not positive (a range of holidays only, or a meter that recorded nothing), when no judgement is possible.
     */
    public double ratio() {
        double work = meanWorkingKw();
        double rest = meanAfterHoursKw();
        return Double.isNaN(work) || Double.isNaN(rest) || work <= 0 ? Double.NaN : rest / work;
    }
}
