package io.jieneng.analytics.region;

import java.util.List;

/**
 * The answer of {@code GET /regions/{code}/summary} (docs/CONTRACT.md §3, docs/DOMAIN.md §6): the region and every
 * region
 * below it. Fields not in the contract: {@code name}, {@code year} to {@code to}, {@code conservationTarget},
 * {@code nevTarget}, {@code nevTargetMet}, {@code vehicles}, {@code direct} and {@code factorTableVersion}.
 *
 * @param asOf     the last day counted: today for the current year, 31 December for a past one
 * @param from     start of the counted range [1 January, asOf + 1 day), ISO-8601
 * @param children one row per direct child region, in registry order
 * @param direct   the institutions registered at this region itself (in no child); children + direct = totals
 */
public record RegionSummary(String regionCode, String name, String level, int year, String asOf, String timezone,
                            String from, String to, int institutions, RegionTotals totals, Double kgcePerCapita,
                            Double kgcePerM2, QuotaCompliance quotaCompliance, Boolean conservationTargetMet,
                            double conservationTarget, Double nevShare, double nevTarget, Boolean nevTargetMet,
                            VehicleCount vehicles, List<RegionRow> children, RegionRow direct,
                            String factorTableVersion) {

    public RegionSummary {
        children = List.copyOf(children);
    }
}
