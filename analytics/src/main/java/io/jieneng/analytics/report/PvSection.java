package io.jieneng.analytics.report;

import io.jieneng.analytics.carbon.Factor;

import java.util.List;

/**
 * Rooftop PV over the year (docs/DOMAIN.md §5): generation, specific yield, self-consumption and the CO₂ the grid
 * would have emitted for it. The avoided CO₂ is reported, never subtracted from the carbon total.
 *
 * @param specificYieldKwhPerKwp generationKwh ÷ capacityKwp; null without capacity
 * @param selfConsumedKwh        generationKwh × selfConsumptionRate
 * @param selfConsumptionRate    (generation − export) ÷ generation, clipped to [0, 1]; null without generation
 * @param gridFactor             the grid emission factor the avoided CO₂ used
 */
public record PvSection(double generationKwh, double capacityKwp, Double specificYieldKwhPerKwp,
                        double gridExportKwh, double selfConsumedKwh, Double selfConsumptionRate,
                        double avoidedCo2Kg, Factor gridFactor, List<PvArray> arrays) {

    public PvSection {
        arrays = List.copyOf(arrays);
    }

    /** One PV meter, as {@code GET /pv/{meterId}/performance} answers for the year. */
    public record PvArray(String meterId, Double capacityKwp, double generationKwh, Double specificYieldKwhPerKwp,
                          Double performanceRatio, Double irradiationKwhPerM2, Double completeness,
                          boolean estimated) {
    }
}
