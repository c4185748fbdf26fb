package io.jieneng.analytics.report;

import io.jieneng.analytics.carbon.CarbonFootprint;
import io.jieneng.analytics.quota.QuotaReport;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Quota;

import java.util.List;

/** The year's indicators (docs/DOMAIN.md §5) and carbon intensities against the quota (pure). */
public final class Intensities {

    private Intensities() {
    }

    /**
     * @param quota  the institution's quota for the year, or null
     * @param status the quota endpoint's answer for the year, whose statuses the lines take; or null
     */
    public static IntensitySection section(Institution inst, EnergySection energy, CarbonFootprint carbon,
                                           Quota quota, QuotaReport status) {
        double kgce = energy.totalKgce();
        double water = energy.lines().stream().filter(l -> l.energy().equals("water")).findFirst()
                .orElseThrow().quantity();
        return new IntensitySection(List.of(
                line("totalKgce", "kgce", kgce, quota == null ? null : quota.totalKgce(), status),
                line("kgcePerCapita", "kgce/person", CarbonFootprint.intensity(kgce, inst.occupants()),
                        quota == null ? null : quota.kgcePerCapita(), status),
                line("kgcePerM2", "kgce/m2", CarbonFootprint.intensity(kgce, inst.floorAreaM2()),
                        quota == null ? null : quota.kgcePerM2(), status),
                line("waterM3PerCapita", "m3/person", CarbonFootprint.intensity(water, inst.occupants()),
                        quota == null ? null : quota.waterM3PerCapita(), status),
                line("co2KgPerCapita", "kgCO2/person", CarbonFootprint.intensity(carbon.totalKg(), inst.occupants()),
                        null, null),
                line("co2KgPerM2", "kgCO2/m2", CarbonFootprint.intensity(carbon.totalKg(), inst.floorAreaM2()),
                        null, null)));
    }

    private static IntensitySection.IntensityLine line(String indicator, String unit, Double actual, Double quota,
                                                       QuotaReport report) {
        Double used = actual != null && quota != null && quota > 0 ? 100.0 * actual / quota : null;
        String status = report == null ? null : report.indicators().stream()
                .filter(s -> s.indicator().jsonName().equals(indicator)).findFirst()
                .map(s -> s.status().jsonName()).orElse(null);
        return new IntensitySection.IntensityLine(indicator, unit, actual, quota, used, status);
    }
}
