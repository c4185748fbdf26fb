package io.jieneng.analytics.pv;

import io.jieneng.analytics.energy.ConsumptionBucket;
import io.jieneng.analytics.energy.ConsumptionService;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.IrradianceIntegral;
import io.jieneng.analytics.energy.MeterTotals;
import io.jieneng.analytics.energy.RawIrradiance;
import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.node.TimeSeriesStore;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * PV performance over a range: the meter's generation through {@link MeterTotals}, the institution's
 * self-consumption through {@link ConsumptionService}, and the irradiation from the meter's raw irradiance.
 */
@ApplicationScoped
public class PvPerformanceService {

    @Inject
    MeterTotals meterTotals;

    @Inject
    ConsumptionService consumption;

    @Inject
    TimeSeriesStore store;

    @Inject
    JienengConfig config;

    private RawIrradiance irradiance;

    @PostConstruct
    void init() {
        irradiance = new RawIrradiance(store::reader, Clock.systemUTC());
    }

    public PvPerformanceReport performance(Meter meter, Institution institution, TimeRange range) {
        MeterTotals.Totals totals = meterTotals.over(List.of(meter), range);
        double generationKwh = totals.total(meter.id(), ReadingField.ENERGY_KWH);
        ConsumptionBucket site = consumption.consumption(institution, range, Interval.MONTH).total();
        IrradianceIntegral h = irradiance.integrate(meter, consumption.grid(range, Interval.MONTH));
        Double hKwhPerM2 = h.known() ? h.totalKwhPerM2() : null;
        Double specificYield = PvPerformance.specificYield(generationKwh, meter.capacityKwp());
        ZoneId zone = config.timezone();
        return new PvPerformanceReport(meter.id(), generationKwh, specificYield,
                PvPerformance.selfConsumptionRate(site.pvGenerationKwh(), site.gridExportKwh()),
                PvPerformance.performanceRatio(specificYield, hKwhPerM2), institution.id(), meter.capacityKwp(),
                hKwhPerM2, site.pvGenerationKwh(), site.gridExportKwh(), TimeRange.iso(range.from(), zone),
                TimeRange.iso(range.to(), zone), totals.completeness(), totals.estimated() || h.anyEstimated());
    }
}
