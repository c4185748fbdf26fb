package io.jieneng.analytics.report;

import java.util.List;

/**
 * Energy by type in physical units and kgce (GB/T 2589-2020), with shares, the total in tce and the change
 * against the previous year (docs/DOMAIN.md §6). Only purchased energy counts toward kgce; PV generation and water are
 * reported beside it.
 *
 * @param lines             electricity (grid import), natural gas and heat, which count; then PV generation and
 *                          water, which do not
 * @param totalKgce         Σ kgce of the counted lines, equal to the consumption endpoint's total for the year
 * @param totalTce          totalKgce ÷ 1000
 * @param previousTotalKgce the previous year's total, kgce
 * @param changePct         100 × (totalKgce − previousTotalKgce) ÷ previousTotalKgce; null without a previous total
 * @param electricity       the grid balance: import, export, PV, and consumption = import + PV − export
 * @param months            the year's consumption month by month (the consumption endpoint's month buckets)
 * @param afterHours        the electric load outside working hours against the load in them, over the year
 */
public record EnergySection(List<EnergyLine> lines, double totalKgce, double totalTce, double previousTotalKgce,
                            double previousTotalTce, Double changePct, Electricity electricity, double co2Kg,
                            List<MonthRow> months, AfterHoursLoad afterHours) {

    public EnergySection {
        lines = List.copyOf(lines);
        months = List.copyOf(months);
    }

    /**
     * One energy carrier.
     *
     * @param energy             {@code electricity}, {@code naturalGas}, {@code heat}, {@code pvGeneration} or
     *                           {@code water}
     * @param unit               the physical unit of {@code quantity}: kWh, m³ or GJ
     * @param counted            whether it counts toward kgce (purchased energy)
     * @param kgce               quantity × factor; null when it does not count
     * @param sharePct           100 × kgce ÷ totalKgce; null when it does not count or the total is 0
     * @param factorKgce         the conversion factor applied, kgce per unit; null when it does not count
     * @param previousQuantity   the previous year's quantity
     * @param changePct          100 × (quantity − previous) ÷ previous; null when the previous year had none
     */
    public record EnergyLine(String energy, String unit, boolean counted, double quantity, Double kgce,
                             Double sharePct, Double factorKgce, String factorSource, double previousQuantity,
                             Double previousKgce, Double changePct) {
    }

    /**
     * The electricity balance at the grid connection (docs/DOMAIN.md §2).
     *
     * @param consumptionKwh gridImportKwh + pvGenerationKwh − gridExportKwh
     */
    public record Electricity(double gridImportKwh, double gridExportKwh, double pvGenerationKwh,
                              double consumptionKwh, double previousConsumptionKwh) {
    }

    /**
     * One local month: the consumption endpoint's month bucket, with the kgce split by carrier for the chart.
     *
     * @param month           {@code 2025-01}
     * @param electricityKgce gridImportKwh × the electricity factor; gasKgce and heatKgce likewise; the three add
     *                        up to {@code kgce}
     */
    public record MonthRow(String month, double gridImportKwh, double gridExportKwh, double pvGenerationKwh,
                           double electricityKwh, double gasM3, double waterM3, double heatGj,
                           double electricityKgce, double gasKgce, double heatKgce, double kgce, double co2Kg,
                           Double completeness, boolean estimated) {
    }
}
