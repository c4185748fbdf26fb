package io.jieneng.analytics.region;

/**
 * The figures of one region (with everything below it) inside a summary: one row per direct child region, and
 * one for the institutions registered directly at the summarised region.
 *
 * @param institutions          institutions in the region and below
 * @param kgcePerCapita         total kgce ÷ total occupants, over the institutions whose occupants are known
 *                              (and positive); null when there are none
 * @param kgcePerM2             the same with floor area
 * @param conservationTargetMet complianceRate ≥ 0.75; null without quotas
 * @param nevShare              NEV ÷ all vehicles acquired in the year; null when none was
 */
public record RegionRow(String code, String name, String level, int institutions, RegionTotals totals,
                        Double kgcePerCapita, Double kgcePerM2, QuotaCompliance quotaCompliance,
                        Boolean conservationTargetMet, Double nevShare, VehicleCount vehicles) {
}
