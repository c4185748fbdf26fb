package io.jieneng.analytics.report;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.MeterType;

import java.time.Duration;
import java.util.List;

/**
 * Mean electric power outside working hours against the mean in them over the year, from hour buckets of the
 * building's load (import + PV − export of the main and PV meters), with the working calendar the
 * {@code after_hours_waste} alert uses (holidays and adjusted working days included). As in the alert, an hour
 * that working time cuts (08:00–09:00 with work from 08:30) gives each part the hour's mean power for the time it
 * covers.
 *
 * <p>Only measured hours count: an hour is left out unless every main and PV meter has readings on both sides of
 * it (it lies strictly between the meter's first and last reading bucket of the year) and no gap was spread into
 * it. Spread gaps and hours without data would show a flat or zero load and hide the difference between day and
 * night.
 *
 * @param workingHours      measured working time, h
 * @param afterHours        measured time outside working hours, h
 * @param workingMeanKw     workingKwh ÷ workingHours; null without working time
 * @param afterHoursMeanKw  the same outside working hours
 * @param ratio             afterHoursMeanKw ÷ workingMeanKw; null when either is missing or the working mean is 0
 * @param threshold         the ratio above which the load is high ({@code JIENENG_ALERTS_AFTER_HOURS_RATIO})
 */
public record AfterHoursLoad(double workingHours, double afterHours, double workingKwh, double afterHoursKwh,
                             Double workingMeanKw, Double afterHoursMeanKw, Double ratio, double threshold) {

    /**
     * @param series hour-bucket series of the institution's main electricity and PV meters over {@code grid}
     */
    public static AfterHoursLoad of(List<MeterSeries> series, BucketGrid grid, WorkingCalendar calendar,
                                    double threshold) {
        int n = grid.size();
        boolean[] measured = new boolean[n];
        double[] loadKwh = new double[n];
        java.util.Arrays.fill(measured, !series.isEmpty());
        for (MeterSeries s : series) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (s.received()[i] > 0) {
                    last = i;
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            double[] energy = s.energy(ReadingField.ENERGY_KWH);
            double[] export = s.energy(ReadingField.EXPORT_KWH);
            boolean pv = s.meter().type() == MeterType.PV;
            for (int i = 0; i < n; i++) {
                measured[i] &= first >= 0 && i > first && i < last && !s.estimated()[i];
                loadKwh[i] += pv ? energy[i] : energy[i] - export[i];
            }
        }
        double workingHours = 0;
        double afterHours = 0;
        double workingKwh = 0;
        double afterKwh = 0;
        for (int i = 0; i < n; i++) {
            if (!measured[i]) {
                continue;
            }
            double hours = (grid.endMillis(i) - grid.startMillis(i)) / 3_600_000.0;
            Duration working = calendar.workingTimeBetween(grid.start(i), grid.end(i));
            double share = working.toMillis() / 3_600_000.0 / hours;
            workingHours += hours * share;
            afterHours += hours * (1 - share);
            workingKwh += loadKwh[i] * share;
            afterKwh += loadKwh[i] * (1 - share);
        }
        Double workingMean = workingHours > 0 ? workingKwh / workingHours : null;
        Double afterMean = afterHours > 0 ? afterKwh / afterHours : null;
        Double ratio = workingMean != null && afterMean != null && workingMean > 0 ? afterMean / workingMean : null;
        return new AfterHoursLoad(workingHours, afterHours, workingKwh, afterKwh, workingMean, afterMean, ratio,
                threshold);
    }
}
