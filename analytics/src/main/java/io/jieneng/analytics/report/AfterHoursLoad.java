package io.jieneng.analytics.report;

import io.jieneng.analytics.energy.ConsumptionBucket;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Mean electric power outside working hours against the mean in them, over hour buckets of consumption
 * (import + PV − export, the building's load). Hours with nothing expected (the future, before commissioning)
 * are left out, so a year in progress is judged on the hours that have passed.
 *
 * @param workingHours      hours wholly inside working time
 * @param afterHours        hours wholly outside it
 * @param workingMeanKw     Σ kWh ÷ hours over the working hours; null without any
 * @param afterHoursMeanKw  the same outside working hours
 * @param ratio             afterHoursMeanKw ÷ workingMeanKw; null when either is missing or the working mean is 0
 */
public record AfterHoursLoad(double workingHours, double afterHours, double workingKwh, double afterHoursKwh,
                             Double workingMeanKw, Double afterHoursMeanKw, Double ratio) {

    /** Classifies each hour bucket of {@code hourly} with {@code calendar} in {@code zone}. */
    public static AfterHoursLoad of(List<ConsumptionBucket> hourly, ZoneId zone, WorkingHours calendar) {
        double workingHours = 0;
        double afterHours = 0;
        double workingKwh = 0;
        double afterKwh = 0;
        for (ConsumptionBucket b : hourly) {
            if (b.completeness() == null) {
                continue;
            }
            OffsetDateTime start = OffsetDateTime.parse(b.start());
            double hours = Duration.between(start, OffsetDateTime.parse(b.end())).toMillis() / 3_600_000.0;
            switch (calendar.classify(start.atZoneSameInstant(zone).toLocalDateTime())) {
                case WORKING -> {
                    workingHours += hours;
                    workingKwh += b.electricityKwh();
                }
                case AFTER_HOURS -> {
                    afterHours += hours;
                    afterKwh += b.electricityKwh();
                }
                case MIXED -> {
                }
            }
        }
        Double workingMean = workingHours > 0 ? workingKwh / workingHours : null;
        Double afterMean = afterHours > 0 ? afterKwh / afterHours : null;
        Double ratio = workingMean != null && afterMean != null && workingMean > 0 ? afterMean / workingMean : null;
        return new AfterHoursLoad(workingHours, afterHours, workingKwh, afterKwh, workingMean, afterMean, ratio);
    }
}
