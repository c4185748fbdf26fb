package io.jieneng.analytics.quota;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Quota;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turns an institution's totals into its quota report (docs/DOMAIN.md §5). Pure: the totals are computed elsewhere. */
public final class QuotaEvaluator {

    private QuotaEvaluator() {
    }

    /** What the evaluation needs besides the institution and its quota. */
    public record Inputs(QuotaPeriod period, EnergyTotals actual, EnergyTotals previousYear,
                         EnergyTotals previousYearToSameDay, double seasonalMinCompleteness, FactorTable factors,
                         ZoneId zone) {
    }

    /**
     * The report of {@code quota} for {@code institution}. The seasonal projection applies when the previous year
     * is full (its completeness reaches the threshold) and, for every indicator computed, the previous year had
     * some of the indicator's amount up to the same day; otherwise every indicator is projected linearly, so one
     * report uses one method.
     *
     * @param in {@code previousYear} and {@code previousYearToSameDay} may be null: linear projection
     */
    public static QuotaReport evaluate(Institution institution, Quota quota, Inputs in) {
        QuotaPeriod period = in.period();
        List<QuotaIndicator> computed = new ArrayList<>();
        List<UnavailableIndicator> unavailable = new ArrayList<>();
        for (QuotaIndicator indicator : QuotaIndicator.values()) {
            Double limit = indicator.limit(quota);
            if (limit == null) {
                continue;
            }
            if (indicator.divisorOf(institution) == null) {
                unavailable.add(new UnavailableIndicator(indicator, limit, switch (indicator.divisor()) {
                    case OCCUPANTS -> "the institution's occupants are not in the registry (or 0)";
                    case FLOOR_AREA -> "the institution's floor area is not in the registry";
                    case NONE -> throw new IllegalStateException("a total always has a divisor");
                }));
            } else {
                computed.add(indicator);
            }
        }
        PreviousYear previous = previousYear(period, in, !computed.isEmpty());
        Map<QuotaIndicator, Double> factors = new EnumMap<>(QuotaIndicator.class);
        boolean seasonal = previous != null && previous.full() && !computed.isEmpty();
        for (QuotaIndicator indicator : computed) {
            Double f = !seasonal ? null : QuotaMath.seasonalFactor(
                    in.previousYear().amount(indicator, in.factors()),
                    in.previousYearToSameDay().amount(indicator, in.factors()));
            if (f == null) {
                seasonal = false;
            }
            factors.put(indicator, f);
        }
        List<IndicatorStatus> statuses = new ArrayList<>();
        for (QuotaIndicator indicator : computed) {
            double limit = indicator.limit(quota);
            double actual = in.actual().amount(indicator, in.factors()) / indicator.divisorOf(institution);
            double projected = seasonal ? actual * factors.get(indicator)
                    : QuotaMath.linearProjection(actual, period.elapsedFraction());
            statuses.add(new IndicatorStatus(indicator, indicator.unit(), limit, actual, projected,
                    QuotaMath.usedPct(actual, limit), QuotaMath.status(actual, projected, limit)));
        }
        ZoneId zone = in.zone();
        return new QuotaReport(institution.id(), period.year(), period.asOf().toString(), period.elapsedFraction(),
                seasonal ? ProjectionMethod.SEASONAL : ProjectionMethod.LINEAR, statuses,
                QuotaStatus.worst(statuses.stream().map(IndicatorStatus::status).toList()), unavailable,
                zone.getId(), TimeRange.iso(period.from().atStartOfDay(zone).toInstant(), zone),
                TimeRange.iso(period.toExclusive().atStartOfDay(zone).toInstant(), zone), in.actual().completeness(),
                previous, in.factors().version());
    }

    private static PreviousYear previousYear(QuotaPeriod period, Inputs in, boolean needed) {
        EnergyTotals full = in.previousYear();
        EnergyTotals part = in.previousYearToSameDay();
        if (!needed || full == null || part == null) {
            return null;
        }
        Double completeness = full.completeness();
        return new PreviousYear(period.year() - 1, completeness,
                completeness != null && completeness >= in.seasonalMinCompleteness(),
                period.previousYearSameDay().toString(), full.kgce(in.factors()), part.kgce(in.factors()),
                full.waterM3(), part.waterM3());
    }
}
