package io.jieneng.analytics.carbon;

/**
 * Comprehensive energy consumption in kgce (GB/T 2589-2020, DOMAIN §3). Only purchased energy counts: grid import,
 * not self-generated PV, because newly added renewable consumption is excluded from total-energy control.
 */
public final class ComprehensiveEnergy {

    /** kgce per tce. */
    public static final double KGCE_PER_TCE = 1000.0;

    private ComprehensiveEnergy() {
    }

    /**
     * @param gridImportKwh electricity imported from the grid, kWh (≥ 0)
     * @param gasM3         natural gas, m³ (≥ 0)
     * @param heatGj        purchased heat, GJ (≥ 0)
     * @return kgce
     * @throws IllegalArgumentException for a negative, NaN or infinite quantity
     */
    public static double kgce(double gridImportKwh, double gasM3, double heatGj, FactorTable table) {
        Quantities.check("gridImportKwh", gridImportKwh);
        Quantities.check("gasM3", gasM3);
        Quantities.check("heatGj", heatGj);
        return gridImportKwh * table.kgcePerKwh().value()
                + gasM3 * table.kgcePerM3Gas().value()
                + heatGj * table.kgcePerGjHeat().value();
    }
}
