package io.jieneng.analytics.quota;

import java.util.Map;
import java.util.Optional;

/**
 * The quota reports of many institutions for one period, and the totals they were computed from.
 *
 * @param totals  per institution id (every institution assessed, with a quota or not), its totals over the
 *                period's counted range [1 January, asOf + 1 day)
 * @param reports per institution id, its report; only institutions with a quota for the year have one
 */
public record QuotaAssessment(QuotaPeriod period, Map<String, EnergyTotals> totals,
                              Map<String, QuotaReport> reports) {

    public QuotaAssessment {
        totals = Map.copyOf(totals);
        reports = Map.copyOf(reports);
    }

    /** The worst status of an institution's indicators; empty without a quota or without a computable indicator. */
    public Optional<QuotaStatus> status(String institutionId) {
        QuotaReport r = reports.get(institutionId);
        return r == null ? Optional.empty() : Optional.ofNullable(r.status());
    }
}
