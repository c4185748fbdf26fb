package io.jieneng.analytics.quota;

/**
 * One indicator of a quota report (docs/CONTRACT.md §3).
 *
 * @param unit      the unit of quota, actual and projected: {@code kgce}, {@code kgce/person}, {@code kgce/m2}
 *                  or {@code m3/person}
 * @param quota     the limit the registry sets for the year
 * @param actual    the indicator over [1 January, asOf + 1 day)
 * @param projected the projected value for the whole year (linear or seasonal, see the report)
 * @param usedPct   100 × actual ÷ quota; null for a quota of 0
 */
public record IndicatorStatus(QuotaIndicator indicator, String unit, double quota, double actual, double projected,
                              Double usedPct, QuotaStatus status) {
}
