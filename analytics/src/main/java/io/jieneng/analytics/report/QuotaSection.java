package io.jieneng.analytics.report;

import io.jieneng.analytics.quota.QuotaReport;

import java.util.List;

/**
 * The quota status of the year (docs/DOMAIN.md §5) as {@code GET /institutions/{id}/quota?year} answers it (asOf: 31
 * December for a past year, today for this one), and the trajectory of comprehensive energy against the quota.
 *
 * @param quota      the quota endpoint's answer; null when the registry holds no quota for the year
 * @param trajectory the cumulative kgce at each month's end against the totalKgce quota prorated by the day of the
 *                   year; months that have not begun are left out
 */
public record QuotaSection(QuotaReport quota, List<TrajectoryPoint> trajectory) {

    public QuotaSection {
        trajectory = List.copyOf(trajectory);
    }

    /**
     * @param date             the month's last day, {@code YYYY-MM-DD}
     * @param cumulativeKgce   kgce from 1 January to the end of that day (the consumption months summed)
     * @param proratedQuotaKgce totalKgce quota × dayOfYear ÷ lengthOfYear; null without a totalKgce quota
     */
    public record TrajectoryPoint(String date, int dayOfYear, double cumulativeKgce, Double proratedQuotaKgce) {
    }
}
