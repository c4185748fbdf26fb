package io.jieneng.analytics.footprint;

import io.jieneng.analytics.carbon.CarbonFootprint;
import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.energy.ConsumptionBucket;
import io.jieneng.analytics.energy.ConsumptionReport;
import io.jieneng.analytics.energy.ConsumptionService;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.devices.registry.Institution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Year;

/**
 * An institution's carbon for a local calendar year (docs/DOMAIN.md §4), from the same quantities the consumption
 * endpoint reports for that year, so the two answers always agree.
 */
@ApplicationScoped
public class CarbonService {

    @Inject
    ConsumptionService consumption;

    @Inject
    FactorTable factors;

    @Inject
    JienengConfig config;

    Clock clock = Clock.systemUTC();

    /** The current year in the deployment time zone. */
    public int currentYear() {
        return Year.now(clock.withZone(config.timezone())).getValue();
    }

    public CarbonReport carbon(Institution institution, int year) {
        TimeRange range = TimeRange.ofYear(year, config.timezone());
        // Month buckets: the year's quantities in 12 pieces, which rollups serve from their daily sums.
        ConsumptionReport report = consumption.consumption(institution, range, Interval.MONTH);
        ConsumptionBucket total = report.total();
        CarbonFootprint f = CarbonFootprint.of(total.gridImportKwh(), total.gasM3(), total.heatGj(),
                total.pvGenerationKwh(), factors, config.gridRegion(), year);
        return new CarbonReport(institution.id(), year, f.totalKg(), f.scope1Kg(), f.scope2Kg(),
                new CarbonReport.ByEnergy(f.electricityKg(), f.gasKg(), f.heatKg()), f.pvAvoidedKg(),
                CarbonFootprint.intensity(f.totalKg(), institution.occupants()),
                CarbonFootprint.intensity(f.totalKg(), institution.floorAreaM2()), f.factors(), report.timezone(),
                report.from(), report.to(),
                new CarbonReport.Activity(total.gridImportKwh(), total.pvGenerationKwh(), total.gasM3(),
                        total.heatGj()),
                total.completeness(), total.estimated(), factors.version());
    }
}
