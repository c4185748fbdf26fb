package io.jieneng.analytics.region;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.quota.EnergyTotals;

/**
 * The consumption fields (docs/CONTRACT.md §3) summed over the institutions of a region.
 *
 * @param kgce         comprehensive energy of the purchased energy (docs/DOMAIN.md §3)
 * @param co2Kg        scope 1 + scope 2 with the grid factor of the summary's year (docs/DOMAIN.md §4)
 * @param completeness Σ over the counting meters of min(readings received, expected) ÷ Σ expected, over the whole
 *                     range per meter (from its commissioning, up to now); null when nothing was expected
 */
public record RegionTotals(double gridImportKwh, double gridExportKwh, double pvGenerationKwh, double electricityKwh,
                           double gasM3, double waterM3, double heatGj, double kgce, double co2Kg,
                           Double completeness) {

    static RegionTotals of(EnergyTotals t, FactorTable factors, String gridRegion, int year) {
        return new RegionTotals(t.gridImportKwh(), t.gridExportKwh(), t.pvGenerationKwh(), t.electricityKwh(),
                t.gasM3(), t.waterM3(), t.heatGj(), t.kgce(factors), t.co2Kg(factors, gridRegion, year),
                t.completeness());
    }
}
