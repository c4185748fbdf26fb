package io.jieneng.analytics.carbon;

/**
 * Location-based carbon of purchased energy in kgCO₂ (DOMAIN §4). scope 1 is gas burnt on site; scope 2 is grid
 * electricity and purchased heat. PV-avoided emissions are reported beside the total, never subtracted from it.
 */
public final class Carbon {

    private Carbon() {
    }

    /** gasM3 (≥ 0) × the gas combustion factor, kgCO₂. */
    public static double scope1Kg(double gasM3, FactorTable table) {
        Quantities.check("gasM3", gasM3);
        return gasM3 * table.gasCo2PerM3().value();
    }

    /**
     * gridImportKwh × EF_grid(region, year) + heatGj × the heat factor, kgCO₂.
     *
     * @param year the year of the data, which selects the grid factor (see {@link FactorTable#gridCo2})
     * @throws IllegalArgumentException for a negative, NaN or infinite quantity, or a region not in the table
     */
    public static double scope2Kg(double gridImportKwh, double heatGj, FactorTable table, String region, int year) {
        Quantities.check("gridImportKwh", gridImportKwh);
        Quantities.check("heatGj", heatGj);
        return gridImportKwh * table.gridCo2(region, year).value() + heatGj * table.heatCo2PerGj().value();
    }

    /** pvGenerationKwh × EF_grid(region, year), kgCO₂: reported, not subtracted. */
    public static double pvAvoidedKg(double pvGenerationKwh, FactorTable table, String region, int year) {
        Quantities.check("pvGenerationKwh", pvGenerationKwh);
        return pvGenerationKwh * table.gridCo2(region, year).value();
    }
}
