package io.jieneng.analytics.report;

import java.util.List;

/**
 * The year's indicators (docs/DOMAIN.md §5) against the institution's quota for the year.
 *
 * @param lines totalKgce, kgcePerCapita, kgcePerM2, waterM3PerCapita, then the carbon intensities (no quota)
 */
public record IntensitySection(List<IntensityLine> lines) {

    public IntensitySection {
        lines = List.copyOf(lines);
    }

    /**
     * @param indicator the quota indicator name of docs/CONTRACT.md §3 ({@code totalKgce}, ...) or {@code
     * co2KgPerCapita},
     *                  {@code co2KgPerM2}
     * @param actual    the indicator over the report's year; null when its divisor (occupants, floor area) is unknown
     * @param quota     the quota for the year; null when there is none
     * @param usedPct   100 × actual ÷ quota; null without both
     * @param status    {@code ok|warning|at_risk|exceeded} as the quota endpoint answers; null without a quota
     */
    public record IntensityLine(String indicator, String unit, Double actual, Double quota, Double usedPct,
                                String status) {
    }
}
