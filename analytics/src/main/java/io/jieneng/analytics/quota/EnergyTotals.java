package io.jieneng.analytics.quota;

import io.jieneng.analytics.carbon.Carbon;
import io.jieneng.analytics.carbon.ComprehensiveEnergy;
import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.energy.MeterSum;
import io.jieneng.analytics.energy.Quantity;
import io.jieneng.devices.registry.Meter;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * An institution's (or a region's) quantities over a whole range (docs/DOMAIN.md §2), with the two terms of its data
 * completeness. Pure arithmetic over {@link MeterSum}s.
 *
 * @param readingsCapped   Σ over the counting meters of min(readings received, readings expected) in the range
 * @param readingsExpected Σ over the counting meters of the readings expected in the range
 */
public record EnergyTotals(double gridImportKwh, double gridExportKwh, double pvGenerationKwh, double gasM3,
                           double waterM3, double heatGj, double readingsCapped, double readingsExpected) {

    public static final EnergyTotals ZERO = new EnergyTotals(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The totals of an institution from the sums of its meters: the registers that feed a quantity
     * ({@link Quantity#fedBy}) add to it; sub-meters add nothing, and neither to the completeness.
     *
     * @param meters   the institution's meters (all of them; those that do not count are skipped)
     * @param sums     per meter id; a meter without a sum contributed nothing
     * @param expected the readings a meter was expected to send in the range
     */
    public static EnergyTotals of(List<Meter> meters, Map<String, MeterSum> sums, ToDoubleFunction<Meter> expected) {
        double[] q = new double[Quantity.values().length];
        double capped = 0;
        double expectedSum = 0;
        for (Meter m : meters) {
            if (!m.countsTowardTotals()) {
                continue;
            }
            MeterSum s = sums.get(m.id());
            if (s != null) {
                Quantity.fedBy(m).forEach((register, quantity) -> q[quantity.ordinal()] += s.energy(register));
            }
            double e = expected.applyAsDouble(m);
            capped += Math.min(s == null ? 0 : s.readings(), e);
            expectedSum += e;
        }
        return new EnergyTotals(q[Quantity.GRID_IMPORT_KWH.ordinal()], q[Quantity.GRID_EXPORT_KWH.ordinal()],
                q[Quantity.PV_GENERATION_KWH.ordinal()], q[Quantity.GAS_M3.ordinal()], q[Quantity.WATER_M3.ordinal()],
                q[Quantity.HEAT_GJ.ordinal()], capped, expectedSum);
    }

    /** Consumption: gridImport + pvGeneration − gridExport, kWh. */
    public double electricityKwh() {
        return gridImportKwh + pvGenerationKwh - gridExportKwh;
    }

    /** Comprehensive energy of the purchased energy (grid import, gas, heat), kgce (docs/DOMAIN.md §3). */
    public double kgce(FactorTable factors) {
        return ComprehensiveEnergy.kgce(gridImportKwh, gasM3, heatGj, factors);
    }

    /** Scope 1 + scope 2, kg CO₂, with the grid factor of {@code year} in {@code region} (docs/DOMAIN.md §4). */
    public double co2Kg(FactorTable factors, String region, int year) {
        return Carbon.scope1Kg(gasM3, factors) + Carbon.scope2Kg(gridImportKwh, heatGj, factors, region, year);
    }

    /** readingsCapped ÷ readingsExpected, or null when no reading was expected. */
    public Double completeness() {
        return readingsExpected > 0 ? readingsCapped / readingsExpected : null;
    }

    /** The amount a quota indicator divides: kgce, or m³ of water. */
    public double amount(QuotaIndicator indicator, FactorTable factors) {
        return indicator.water() ? waterM3 : kgce(factors);
    }

    public EnergyTotals plus(EnergyTotals o) {
        return new EnergyTotals(gridImportKwh + o.gridImportKwh, gridExportKwh + o.gridExportKwh,
                pvGenerationKwh + o.pvGenerationKwh, gasM3 + o.gasM3, waterM3 + o.waterM3, heatGj + o.heatGj,
                readingsCapped + o.readingsCapped, readingsExpected + o.readingsExpected);
    }
}
