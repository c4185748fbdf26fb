package io.jieneng.analytics.report;

import io.jieneng.analytics.quota.IndicatorStatus;
import io.jieneng.analytics.quota.QuotaReport;
import io.jieneng.analytics.quota.QuotaStatus;
import io.jieneng.analytics.report.Finding.Evidence;

import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The quota section's trajectory and the quota findings (pure). */
public final class QuotaFigures {

    private QuotaFigures() {
    }

    /**
     * @param quotaKgce the year's totalKgce quota, or null
     */
    public static List<QuotaSection.TrajectoryPoint> trajectory(EnergySection energy, int year, Double quotaKgce) {
        int days = Year.of(year).length();
        List<QuotaSection.TrajectoryPoint> points = new ArrayList<>();
        double cumulative = 0;
        for (EnergySection.MonthRow m : energy.months()) {
            if (m.completeness() == null) {
                break;
            }
            cumulative += m.kgce();
            var end = YearMonth.parse(m.month()).atEndOfMonth();
            points.add(new QuotaSection.TrajectoryPoint(end.toString(), end.getDayOfYear(), cumulative,
                    quotaKgce == null ? null : quotaKgce * end.getDayOfYear() / days));
        }
        return points;
    }

    /**
     * One finding per indicator whose status is warning, at_risk or exceeded, citing its actual, projection,
     * quota and share used.
     */
    public static List<Finding> findings(QuotaReport quota) {
        List<Finding> out = new ArrayList<>();
        if (quota == null) {
            return out;
        }
        for (IndicatorStatus s : quota.indicators()) {
            if (s.status() == QuotaStatus.OK) {
                continue;
            }
            String rule = "quota_" + s.status().jsonName();
            String severity = s.status() == QuotaStatus.WARNING ? "medium" : "high";
            List<Evidence> evidence = new ArrayList<>(List.of(new Evidence("actual", s.actual(), s.unit()),
                    new Evidence("projected", s.projected(), s.unit()), new Evidence("quota", s.quota(), s.unit())));
            if (s.usedPct() != null) {
                evidence.add(new Evidence("usedPct", s.usedPct(), "%"));
            }
            out.add(new Finding(rule, severity, "quota", s.indicator().jsonName(), evidence, null, null));
        }
        return out;
    }
}
