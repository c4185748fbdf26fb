package io.jieneng.analytics.pv;

/**
 * The answer of {@code GET /pv/{meterId}/performance?from&to} (docs/CONTRACT.md §3). The fields after
 * {@code performanceRatio} extend the contract so the ratios can be checked by hand.
 *
 * @param generationKwh          energy of the PV meter over [from, to), kWh
 * @param specificYieldKwhPerKwp generationKwh ÷ capacityKwp, kWh/kWp
 * @param selfConsumptionRate    (pvGeneration − gridExport) ÷ pvGeneration of the meter's institution, in [0, 1];
 *                               null without generation
 * @param performanceRatio       specificYield ÷ irradiation (IEC 61724-1); null without irradiance
 * @param irradiationKwhPerM2    H = ∫ irradiance dt over the range (trapezoid), kWh/m²; null without irradiance
 * @param institutionPvGenerationKwh PV generation of all the institution's PV meters over the range, kWh
 * @param institutionGridExportKwh   export of the institution's main meters over the range, kWh
 * @param completeness           share of the PV meter's expected readings that arrived, null when none was expected
 * @param estimated              true when a gap in the meter's energy or irradiance readings was bridged
 */
public record PvPerformanceReport(String meterId, double generationKwh, Double specificYieldKwhPerKwp,
                                  Double selfConsumptionRate, Double performanceRatio, String institutionId,
                                  Double capacityKwp, Double irradiationKwhPerM2, double institutionPvGenerationKwh,
                                  double institutionGridExportKwh, String from, String to, Double completeness,
                                  boolean estimated) {
}
