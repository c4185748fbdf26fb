package io.jieneng.analytics.alert.check;

import io.jieneng.analytics.alert.AlertKey;
import io.jieneng.analytics.alert.AlertType;
import io.jieneng.analytics.alert.Clearance;
import io.jieneng.analytics.alert.Evaluation;
import io.jieneng.analytics.alert.Finding;
import io.jieneng.analytics.quota.IndicatorStatus;
import io.jieneng.analytics.quota.QuotaAssessment;
import io.jieneng.analytics.quota.QuotaIndicator;
import io.jieneng.analytics.quota.QuotaPeriod;
import io.jieneng.analytics.quota.QuotaReport;
import io.jieneng.analytics.quota.QuotaService;
import io.jieneng.analytics.quota.QuotaStatus;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Quota;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.jieneng.analytics.alert.check.Text.fmt;

/**
 * quota_warning, quota_at_risk, quota_exceeded (docs/DOMAIN.md §5): the status of each indicator of each institution's
 * quota, exactly as {@code GET /institutions/{id}/quota} reports it for today, from {@link QuotaService} (all
 * institutions in one assessment: a few grouped sums, not one query per institution). The subject is
 * {@code <institution>/<indicator>} and the period the year, so there is at most one alert per (institution,
 * indicator, year, status): a status that is left resolves its alert ("the status is now ..."), and one that
 * returns reopens it. In January the previous year is judged too, as of 31 December, so its alerts settle on the
 * year's final figures.
 */
public final class QuotaCheck {

    private final QuotaService quotas;

    public QuotaCheck(QuotaService quotas) {
        this.quotas = quotas;
    }

    static Optional<AlertType> typeOf(QuotaStatus status) {
        return switch (status) {
            case OK -> Optional.empty();
            case WARNING -> Optional.of(AlertType.QUOTA_WARNING);
            case AT_RISK -> Optional.of(AlertType.QUOTA_AT_RISK);
            case EXCEEDED -> Optional.of(AlertType.QUOTA_EXCEEDED);
        };
    }

    public Evaluation evaluate(CheckContext ctx) {
        LocalDate today = ctx.today();
        List<QuotaPeriod> periods = new ArrayList<>();
        periods.add(QuotaPeriod.of(today.getYear(), today));
        if (today.getMonth() == Month.JANUARY) {
            periods.add(QuotaPeriod.of(today.getYear() - 1, LocalDate.of(today.getYear() - 1, 12, 31)));
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, IndicatorStatus> judged = new HashMap<>();
        Set<String> years = new HashSet<>();
        for (QuotaPeriod period : periods) {
            years.add(Integer.toString(period.year()));
            List<Institution> withQuota = ctx.registry().document().institutions().stream()
                    .filter(i -> ctx.registry().quota(i.id(), period.year()).isPresent()).toList();
            if (withQuota.isEmpty()) {
                continue;
            }
            QuotaAssessment assessment = quotas.assess(ctx.registry(), withQuota, period);
            for (QuotaReport report : assessment.reports().values()) {
                for (IndicatorStatus ind : report.indicators()) {
                    String subject = report.institutionId() + '/' + ind.indicator().jsonName();
                    String year = Integer.toString(period.year());
                    judged.put(subject + '|' + year, ind);
                    Optional<AlertType> type = typeOf(ind.status());
                    if (type.isPresent()) {
                        findings.add(finding(type.get(), report, ind, subject, year));
                    }
                }
            }
        }
        return new Evaluation(Set.of(AlertType.QUOTA_WARNING, AlertType.QUOTA_AT_RISK, AlertType.QUOTA_EXCEEDED),
                findings, key -> clearance(key, ctx, judged, years));
    }

    private static Finding finding(AlertType type, QuotaReport report, IndicatorStatus ind, String subject,
                                   String year) {
        boolean exceeded = ind.status() == QuotaStatus.EXCEEDED;
        double value = exceeded ? ind.actual() : ind.projected();
        double threshold = ind.status() == QuotaStatus.WARNING ? 0.9 * ind.quota() : ind.quota();
        String message = fmt("%s of %s in %s is %s: actual %.2f %s by %s (%s of the quota "
                        + "%.2f %s), projected for the year %.2f %s (%s)", ind.indicator().jsonName(),
                report.institutionId(), year,
                ind.status().jsonName(), ind.actual(), ind.unit(), report.asOf(),
                ind.usedPct() == null ? "n/a" : fmt("%.1f %%", ind.usedPct()), ind.quota(), ind.unit(),
                ind.projected(), ind.unit(), report.projectionMethod().toString().toLowerCase(Locale.ROOT));
        return new Finding(new AlertKey(type, subject, year), report.institutionId(), null, value, threshold,
                ind.unit(), message);
    }

    private static Optional<Clearance> clearance(AlertKey key, CheckContext ctx, Map<String, IndicatorStatus> judged,
                                                 Set<String> years) {
        int slash = key.subject().lastIndexOf('/');
        String institution = slash < 0 ? key.subject() : key.subject().substring(0, slash);
        if (ctx.registry().institution(institution).isEmpty()) {
            return Optional.of(new Clearance(null, "institution " + institution + " is no longer in the registry"));
        }
        if (!years.contains(key.period())) {
            return Optional.empty();
        }
        Optional<Quota> quota = ctx.registry().quota(institution, Integer.parseInt(key.period()));
        String indicator = key.subject().substring(slash + 1);
        boolean set = quota.isPresent() && Arrays.stream(QuotaIndicator.values())
                .anyMatch(q -> q.jsonName().equals(indicator) && q.limit(quota.get()) != null);
        if (!set) {
            return Optional.of(new Clearance(null, "the registry's quota of " + institution + " for "
                    + key.period() + " no longer sets " + indicator));
        }
        IndicatorStatus ind = judged.get(key.subject() + '|' + key.period());
        if (ind == null) {
            // The institution's occupants or floor area went missing: the indicator cannot be judged now.
            return Optional.empty();
        }
        return Optional.of(new Clearance(ind.status() == QuotaStatus.EXCEEDED ? ind.actual() : ind.projected(),
                "the status is now " + ind.status().jsonName()));
    }
}
