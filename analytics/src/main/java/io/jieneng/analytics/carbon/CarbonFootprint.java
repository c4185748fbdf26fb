package io.jieneng.analytics.carbon;

import java.util.List;

/**
 * The location-based carbon of an institution's purchased energy (docs/DOMAIN.md §4), split by scope and by energy,
 * with the factors that produced it. Pure arithmetic: the quantities come from the energy engine.
 *
 * @param electricityKg gridImportKwh × EF_grid(year), kgCO₂ (scope 2)
 * @param gasKg         gasM3 × the natural-gas combustion factor, kgCO₂ (scope 1)
 * @param heatKg        heatGj × the purchased-heat factor, kgCO₂ (scope 2)
 * @param scope1Kg      gasKg
 * @param scope2Kg      electricityKg + heatKg
 * @param totalKg       scope1Kg + scope2Kg
 * @param pvAvoidedKg   pvGenerationKwh × EF_grid(year): what the grid would have emitted for the self-generated
 *                      electricity; reported, never subtracted from the total
 * @param factors       the factors applied: grid (with the data year it was published for), gas, heat
 */
public record CarbonFootprint(double electricityKg, double gasKg, double heatKg, double scope1Kg, double scope2Kg,
                              double totalKg, double pvAvoidedKg, List<Factor> factors) {

    public CarbonFootprint {
        factors = List.copyOf(factors);
    }

    /**
     * @param gridImportKwh   electricity imported from the grid, kWh (≥ 0)
     * @param gasM3           natural gas, m³ (≥ 0)
     * @param heatGj          purchased heat, GJ (≥ 0)
     * @param pvGenerationKwh self-generated PV electricity, kWh (≥ 0)
     * @param region          the grid region whose factor applies
     * @param year            the local year of the data, which selects the grid factor ({@link FactorTable#gridCo2})
     * @throws IllegalArgumentException for a negative, NaN or infinite quantity, or a region not in the table
     */
    public static CarbonFootprint of(double gridImportKwh, double gasM3, double heatGj, double pvGenerationKwh,
                                     FactorTable table, String region, int year) {
        Quantities.check("gridImportKwh", gridImportKwh);
        Quantities.check("gasM3", gasM3);
        Quantities.check("heatGj", heatGj);
        Quantities.check("pvGenerationKwh", pvGenerationKwh);
        Factor grid = table.gridCo2(region, year);
        Factor gas = table.gasCo2PerM3();
        Factor heat = table.heatCo2PerGj();
        double electricityKg = gridImportKwh * grid.value();
        double gasKg = gasM3 * gas.value();
        double heatKg = heatGj * heat.value();
        double scope1 = Carbon.scope1Kg(gasM3, table);
        double scope2 = Carbon.scope2Kg(gridImportKwh, heatGj, table, region, year);
        return new CarbonFootprint(electricityKg, gasKg, heatKg, scope1, scope2, scope1 + scope2,
                Carbon.pvAvoidedKg(pvGenerationKwh, table, region, year), List.of(grid, gas, heat));
    }

    /** {@code totalKg ÷ divisor}, or null when the divisor (occupants, floor area) is unknown or not positive. */
    public static Double intensity(double totalKg, Number divisor) {
        if (divisor == null || !(divisor.doubleValue() > 0)) {
            return null;
        }
        return totalKg / divisor.doubleValue();
    }
}
