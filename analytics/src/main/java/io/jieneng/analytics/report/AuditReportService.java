package io.jieneng.analytics.report;

import io.jieneng.analytics.alert.AlertFilter;
import io.jieneng.analytics.alert.AlertService;
import io.jieneng.analytics.alert.AlertsConfig;
import io.jieneng.analytics.carbon.CarbonFootprint;
import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Completeness;
import io.jieneng.analytics.energy.ConsumptionReport;
import io.jieneng.analytics.energy.ConsumptionService;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.pue.Pue;
import io.jieneng.analytics.pue.PueReport;
import io.jieneng.analytics.pue.PueService;
import io.jieneng.analytics.pv.PvPerformance;
import io.jieneng.analytics.pv.PvPerformanceReport;
import io.jieneng.analytics.pv.PvPerformanceService;
import io.jieneng.analytics.quota.QuotaReport;
import io.jieneng.analytics.quota.QuotaService;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes an institution's audit report for a year from the same services that answer the consumption, carbon,
 * PUE and PV endpoints, so the report's figures equal theirs. The arithmetic of each section is in a pure class
 * ({@link EnergyFigures}, {@link SubItemBreakdown}, {@link AfterHoursLoad}, {@link FindingRules}).
 */
@ApplicationScoped
public class AuditReportService {

    @Inject
    ConsumptionService consumption;

    @Inject
    MeterEnergySource energySource;

    @Inject
    RegistryService registry;

    @Inject
    FactorTable factors;

    @Inject
    JienengConfig config;

    @Inject
    PueService pueService;

    @Inject
    PvPerformanceService pvService;

    @Inject
    ReportTexts texts;

    @Inject
    QuotaService quotas;

    @Inject
    WorkingCalendar calendar;

    @Inject
    AlertsConfig alertsConfig;

    @Inject
    AlertService alerts;

    Clock clock = Clock.systemUTC();

    /** The current year in the deployment time zone. */
    public int currentYear() {
        return Year.now(clock.withZone(config.timezone())).getValue();
    }

    public AuditReport report(Institution institution, int year, ReportLang lang) {
        ZoneId zone = config.timezone();
        Registry r = registry.current();
        TimeRange range = TimeRange.ofYear(year, zone);
        ConsumptionReport months = consumption.consumption(institution, range, Interval.MONTH);
        ConsumptionReport previous = year - 1 >= TimeRange.MIN_YEAR
                ? consumption.consumption(institution, TimeRange.ofYear(year - 1, zone), Interval.MONTH) : null;

        List<DataCenter> dataCentres = r.document().dataCenters().stream()
                .filter(dc -> dc.institution().equals(institution.id())).toList();
        List<Meter> meters = metersOf(r, institution, dataCentres);
        BucketGrid grid = consumption.grid(range, Interval.MONTH);
        Map<String, MeterSeries> series = energySource.series(meters, grid);

        ProfileSection profile = profile(r, institution, months, previous, meters, dataCentres, series, grid);
        EnergySection energy = EnergyFigures.section(months, previous, factors, afterHours(meters, range));
        Map<String, Double> kwh = new HashMap<>();
        series.forEach((id, s) -> kwh.put(id, s.total(ReadingField.ENERGY_KWH)));
        var total = months.total();
        SubItemSection subItems = SubItemBreakdown.of(meters, dataCentres, kwh, total.gridImportKwh(),
                total.pvGenerationKwh(), total.gridExportKwh());
        CarbonFootprint carbon = CarbonFootprint.of(total.gridImportKwh(), total.gasM3(), total.heatGj(),
                total.pvGenerationKwh(), factors, config.gridRegion(), year);
        PvSection pv = pv(institution, meters, range, year, months, carbon);
        DataCentreSection dc = dataCentres(dataCentres, range, series, grid);
        VehicleSection vehicles = Vehicles.section(r.document().vehicles(), institution.id(), year,
                FindingRules.NEV_TARGET);
        QuotaReport quota = quotas.find(institution, quotas.period(year, Optional.empty())).orElse(null);
        IntensitySection intensities = Intensities.section(institution, energy, carbon,
                r.quota(institution.id(), year).orElse(null), quota);
        QuotaSection quotaSection = new QuotaSection(quota, QuotaFigures.trajectory(energy, year,
                r.quota(institution.id(), year).map(q -> q.totalKgce()).orElse(null)));
        List<Finding> findings = FindingRules.derive(profile, energy, subItems, pv, dc, vehicles,
                QuotaFigures.findings(quota));
        return new AuditReport(institution.id(), year, lang.tag(), zone.getId(), months.from(), months.to(),
                TimeRange.iso(clock.instant().truncatedTo(ChronoUnit.SECONDS), zone), factors.version(), profile,
                energy, intensities, subItems, pv, dc, carbonSection(institution, carbon, previous, year),
                quotaSection, vehicles,
                AlertFigures.section(alerts.store().list(new AlertFilter(null, null, institution.id(), null,
                        id -> true, Integer.MAX_VALUE)), year, zone),
                texts.localize(findings, lang));
    }

    /** The after-hours load from hour buckets of the main and PV meters (8,760 buckets at most). */
    private AfterHoursLoad afterHours(List<Meter> meters, TimeRange range) {
        List<Meter> load = meters.stream().filter(m -> m.countsTowardTotals()
                && (m.type() == MeterType.ELECTRICITY || m.type() == MeterType.PV)).toList();
        BucketGrid hours = consumption.grid(range, Interval.HOUR);
        Map<String, MeterSeries> series = energySource.series(load, hours);
        return AfterHoursLoad.of(load.stream().map(m -> series.get(m.id())).toList(), hours, calendar,
                alertsConfig.afterHoursRatio());
    }

    private static List<Meter> metersOf(Registry r, Institution institution, List<DataCenter> dataCentres) {
        Map<String, Meter> meters = new LinkedHashMap<>();
        r.metersOf(institution.id()).forEach(m -> meters.put(m.id(), m));
        for (DataCenter dc : dataCentres) {
            r.meter(dc.itMeter()).ifPresent(m -> meters.putIfAbsent(m.id(), m));
            r.meter(dc.totalMeter()).ifPresent(m -> meters.putIfAbsent(m.id(), m));
        }
        return List.copyOf(meters.values());
    }

    private ProfileSection profile(Registry r, Institution inst, ConsumptionReport months, ConsumptionReport previous,
                                   List<Meter> meters, List<DataCenter> dataCentres, Map<String, MeterSeries> series,
                                   BucketGrid grid) {
        long now = clock.millis();
        List<ProfileSection.MeterCompleteness> perMeter = new ArrayList<>();
        double capacity = 0;
        for (Meter m : meters) {
            MeterSeries s = series.get(m.id());
            double[] capped = new double[grid.size()];
            double[] expected = new double[grid.size()];
            long activeFrom = m.commissioned() == null ? Long.MIN_VALUE
                    : m.commissioned().atStartOfDay(grid.zone()).toInstant().toEpochMilli();
            Completeness.accumulate(s.received(), grid, activeFrom, now, m.intervalSeconds(), capped, expected);
            double c = 0;
            double e = 0;
            long readings = 0;
            boolean estimated = false;
            for (int i = 0; i < grid.size(); i++) {
                c += capped[i];
                e += expected[i];
                readings += s.received()[i];
                estimated |= s.estimated()[i];
            }
            perMeter.add(new ProfileSection.MeterCompleteness(m.id(), m.type().json(),
                    m.role() == null ? null : m.role().json(), m.subitem() == null ? null : m.subitem().code(),
                    m.intervalSeconds(), readings, Completeness.ratio(c, e), estimated));
            if (m.type() == MeterType.PV && m.capacityKwp() != null) {
                capacity += m.capacityKwp();
            }
        }
        String regionName = r.region(inst.region()).map(Region::name).orElse(null);
        return new ProfileSection(inst.id(), inst.name(), inst.region(), regionName, inst.category(),
                inst.floorAreaM2(), inst.occupants(), capacity, dataCentres.size(), months.total().completeness(),
                months.total().estimated(), previous == null ? null : previous.total().completeness(), perMeter);
    }

    private PvSection pv(Institution inst, List<Meter> meters, TimeRange range, int year, ConsumptionReport months,
                         CarbonFootprint carbon) {
        List<PvSection.PvArray> arrays = new ArrayList<>();
        double capacity = 0;
        for (Meter m : meters) {
            if (m.type() != MeterType.PV || !m.institution().equals(inst.id())) {
                continue;
            }
            PvPerformanceReport p = pvService.performance(m, inst, range);
            arrays.add(new PvSection.PvArray(m.id(), m.capacityKwp(), p.generationKwh(), p.specificYieldKwhPerKwp(),
                    p.performanceRatio(), p.irradiationKwhPerM2(), p.completeness(), p.estimated()));
            capacity += m.capacityKwp() == null ? 0 : m.capacityKwp();
        }
        double generation = months.total().pvGenerationKwh();
        double export = months.total().gridExportKwh();
        Double rate = PvPerformance.selfConsumptionRate(generation, export);
        return new PvSection(generation, capacity, PvPerformance.specificYield(generation, capacity), export,
                rate == null ? 0.0 : generation * rate, rate, carbon.pvAvoidedKg(),
                factors.gridCo2(config.gridRegion(), year), arrays);
    }

    private DataCentreSection dataCentres(List<DataCenter> dataCentres, TimeRange range,
                                          Map<String, MeterSeries> series, BucketGrid grid) {
        List<DataCentreSection.Centre> centres = new ArrayList<>();
        for (DataCenter dc : dataCentres) {
            PueReport year = pueService.pue(dc, range);
            List<DataCentreSection.MonthPue> months = new ArrayList<>();
            int above = 0;
            MeterSeries it = series.get(dc.itMeter());
            MeterSeries total = series.get(dc.totalMeter());
            for (int i = 0; i < grid.size(); i++) {
                double itKwh = it == null ? 0 : it.energy(ReadingField.ENERGY_KWH)[i];
                double totalKwh = total == null ? 0 : total.energy(ReadingField.ENERGY_KWH)[i];
                Double pue = Pue.of(itKwh, totalKwh);
                if (pue != null && pue > FindingRules.PUE_LIMIT) {
                    above++;
                }
                months.add(new DataCentreSection.MonthPue(YearMonth.from(grid.start(i).atZone(grid.zone())).toString(),
                        itKwh, totalKwh, pue, Pue.grade(pue)));
            }
            centres.add(new DataCentreSection.Centre(dc.id(), year.itKwh(), year.totalKwh(), year.pue(), year.grade(),
                    year.completeness(), year.estimated(), months, above));
        }
        return new DataCentreSection(centres);
    }

    private CarbonSection carbonSection(Institution inst, CarbonFootprint f, ConsumptionReport previous, int year) {
        double previousKg = 0;
        if (previous != null) {
            var p = previous.total();
            previousKg = CarbonFootprint.of(p.gridImportKwh(), p.gasM3(), p.heatGj(), p.pvGenerationKwh(), factors,
                    config.gridRegion(), year - 1).totalKg();
        }
        return new CarbonSection(f.scope1Kg(), f.scope2Kg(), f.totalKg(), f.electricityKg(), f.gasKg(), f.heatKg(),
                f.pvAvoidedKg(), CarbonFootprint.intensity(f.totalKg(), inst.occupants()),
                CarbonFootprint.intensity(f.totalKg(), inst.floorAreaM2()), previousKg,
                EnergyFigures.changePct(f.totalKg(), previousKg), f.factors());
    }
}
