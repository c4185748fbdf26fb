package io.jieneng.analytics.report;

import io.jieneng.analytics.carbon.CarbonFootprint;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Quota;

import java.util.List;

/** The year's indicators (DOMAIN.md §5) and carbon intensities against the quota (pure). */
public final class Intensities {

    private Intensities() {
    }

    /** @param quota the institution's quota for the year, or null */
    public static IntensitySection section(Institution inst, EnergySection energy, CarbonFootprint carbon,
                                           Quota quota) {
        double kgce = energy.totalKgce();
        double water = energy.lines().stream().filter(l -> l.energy().equals("water")).findFirst()
                .orElseThrow().quantity();
        return new IntensitySection(List.of(
                line("totalKgce", "kgce", kgce, quota == null ? null : quota.totalKgce()),
                line("kgcePerCapita", "kgce/person", CarbonFootprint.intensity(kgce, inst.occupants()),
                        quota == null ? null : quota.kgcePerCapita()),
                line("kgcePerM2", "kgce/m²", CarbonFootprint.intensity(kgce, inst.floorAreaM2()),
                        quota == null ? null : quota.kgcePerM2()),
                line("waterM3PerCapita", "m³/person", CarbonFootprint.intensity(water, inst.occupants()),
                        quota == null ? null : quota.waterM3PerCapita()),
                line("co2KgPerCapita", "kgCO2/person", CarbonFootprint.intensity(carbon.totalKg(), inst.occupants()),
                        null),
                line("co2KgPerM2", "kgCO2/m²", CarbonFootprint.intensity(carbon.totalKg(), inst.floorAreaM2()),
                        null)));
    }

    private static IntensitySection.IntensityLine line(String indicator, String unit, Double actual, Double quota) {
        Double used = actual != null && quota != null && quota > 0 ? 100.0 * actual / quota : null;
        return new IntensitySection.IntensityLine(indicator, unit, actual, quota, used, null);
    }
}
