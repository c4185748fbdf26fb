package io.jieneng.analytics.report;

import io.jieneng.analytics.carbon.Factor;

import java.util.List;

/**
 * Location-based carbon by scope (docs/DOMAIN.md §4) with the factors used and their sources, computed exactly as
 * {@code GET /institutions/{id}/carbon} computes it from the same year's totals.
 *
 * @param changePct 100 × (totalKg − previousTotalKg) ÷ previousTotalKg; null without a previous total
 */
public record CarbonSection(double scope1Kg, double scope2Kg, double totalKg, double electricityKg, double gasKg,
                            double heatKg, double pvAvoidedKg, Double perCapitaKg, Double perM2Kg,
                            double previousTotalKg, Double changePct, List<Factor> factors) {

    public CarbonSection {
        factors = List.copyOf(factors);
    }
}
