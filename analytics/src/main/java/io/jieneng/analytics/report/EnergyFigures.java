package io.jieneng.analytics.report;

import io.jieneng.analytics.carbon.ComprehensiveEnergy;
import io.jieneng.analytics.carbon.Factor;
import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.energy.ConsumptionBucket;
import io.jieneng.analytics.energy.ConsumptionReport;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The energy section from the consumption endpoint's month buckets of the year and of the previous year (pure).
 * The totals are the endpoint's own totals, so they equal the sum of its months exactly as the endpoint sums them.
 */
public final class EnergyFigures {

    private EnergyFigures() {
    }

    /**
     * @param year     month buckets of the report's year
     * @param previous month buckets of the previous year, or null when there is none (before 1970)
     */
    public static EnergySection section(ConsumptionReport year, ConsumptionReport previous, FactorTable factors,
                                        AfterHoursLoad afterHours) {
        ConsumptionBucket t = year.total();
        ConsumptionBucket p = previous == null ? zero() : previous.total();
        double total = t.kgce();
        double previousTotal = p.kgce();
        List<EnergySection.EnergyLine> lines = List.of(
                counted("electricity", "kWh", t.gridImportKwh(), p.gridImportKwh(), factors.kgcePerKwh(), total),
                counted("naturalGas", "m³", t.gasM3(), p.gasM3(), factors.kgcePerM3Gas(), total),
                counted("heat", "GJ", t.heatGj(), p.heatGj(), factors.kgcePerGjHeat(), total),
                notCounted("pvGeneration", "kWh", t.pvGenerationKwh(), p.pvGenerationKwh()),
                notCounted("water", "m³", t.waterM3(), p.waterM3()));
        List<EnergySection.MonthRow> months = new ArrayList<>();
        for (ConsumptionBucket b : year.buckets()) {
            months.add(new EnergySection.MonthRow(YearMonth.from(OffsetDateTime.parse(b.start())).toString(),
                    b.gridImportKwh(), b.gridExportKwh(), b.pvGenerationKwh(), b.electricityKwh(), b.gasM3(),
                    b.waterM3(), b.heatGj(), b.gridImportKwh() * factors.kgcePerKwh().value(),
                    b.gasM3() * factors.kgcePerM3Gas().value(), b.heatGj() * factors.kgcePerGjHeat().value(),
                    b.kgce(), b.co2Kg(), b.completeness(), b.estimated()));
        }
        return new EnergySection(lines, total, total / ComprehensiveEnergy.KGCE_PER_TCE, previousTotal,
                previousTotal / ComprehensiveEnergy.KGCE_PER_TCE, changePct(total, previousTotal),
                new EnergySection.Electricity(t.gridImportKwh(), t.gridExportKwh(), t.pvGenerationKwh(),
                        t.electricityKwh(), p.electricityKwh()),
                t.co2Kg(), months, afterHours);
    }

    /** 100 × (now − before) ÷ before; null when there is nothing to compare with. */
    public static Double changePct(double now, double before) {
        return before > 0 ? 100.0 * (now - before) / before : null;
    }

    private static EnergySection.EnergyLine counted(String energy, String unit, double quantity, double previous,
                                                    Factor factor, double totalKgce) {
        double kgce = quantity * factor.value();
        return new EnergySection.EnergyLine(energy, unit, true, quantity, kgce,
                totalKgce > 0 ? 100.0 * kgce / totalKgce : null, factor.value(), factor.source(), previous,
                previous * factor.value(), changePct(quantity, previous));
    }

    private static EnergySection.EnergyLine notCounted(String energy, String unit, double quantity, double previous) {
        return new EnergySection.EnergyLine(energy, unit, false, quantity, null, null, null, null, previous, null,
                changePct(quantity, previous));
    }

    private static ConsumptionBucket zero() {
        return new ConsumptionBucket(null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, false);
    }
}
