package io.jieneng.analytics.quota;

import java.util.List;

/**
 * The answer of {@code GET /institutions/{id}/quota} (docs/CONTRACT.md §3) plus how it was projected. The fields after
 * {@code indicators} extend the contract.
 *
 * @param asOf             the last day counted, {@code YYYY-MM-DD}
 * @param elapsedFraction  dayOfYear(asOf) ÷ lengthOfYear(year)
 * @param projectionMethod {@code seasonal} when a full previous year projected every indicator, else {@code linear}
 * @param status           the worst status of the indicators, null when none could be computed
 * @param unavailable      indicators the quota sets that cannot be computed for the institution
 * @param from             the counted range's start, ISO-8601 with the zone's offset
 * @param to               its end (exclusive): the local midnight after {@code asOf}
 * @param completeness     data completeness of the counted range (commissioning and now respected)
 * @param previousYear     the previous year's figures; null when the quota defines no indicator that can be computed
 */
public record QuotaReport(String institutionId, int year, String asOf, double elapsedFraction,
                          ProjectionMethod projectionMethod, List<IndicatorStatus> indicators, QuotaStatus status,
                          List<UnavailableIndicator> unavailable, String timezone, String from, String to,
                          Double completeness, PreviousYear previousYear, String factorTableVersion) {

    public QuotaReport {
        indicators = List.copyOf(indicators);
        unavailable = List.copyOf(unavailable);
    }
}
