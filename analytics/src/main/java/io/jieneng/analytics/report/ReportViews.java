package io.jieneng.analytics.report;

import io.jieneng.analytics.report.ReportView.Cell;
import io.jieneng.analytics.report.ReportView.KeyFigure;
import io.jieneng.analytics.report.ReportView.Section;
import io.jieneng.analytics.report.ReportView.Table;

import java.util.ArrayList;
import java.util.List;

import static io.jieneng.analytics.report.ReportView.row;

/**
 * Lays an {@link AuditReport} out as a {@link ReportView} in one language. The order of the sections is that of
 * docs/DOMAIN.md §6. The decimals shown per kind of figure are constants here, so the html, the csv and the xlsx agree
 * on them.
 */
public final class ReportViews {

    static final int KWH = 2;
    static final int M3 = 2;
    static final int GJ = 3;
    static final int KGCE = 2;
    static final int TCE = 3;
    static final int KG = 2;
    static final int PCT = 2;
    static final int RATIO_PCT = 2;
    static final int PUE = 3;
    static final int FACTOR = 4;
    static final int KW = 2;
    static final int INTENSITY = 4;

    private ReportViews() {
    }

    public static ReportView of(AuditReport r, ReportMessages m) {
        List<Section> sections = new ArrayList<>();
        sections.add(profile(r, m));
        sections.add(energy(r, m));
        sections.add(intensities(r, m));
        sections.add(SectionViews.subItems(r, m));
        sections.add(SectionViews.pv(r, m));
        sections.add(SectionViews.dataCentres(r, m));
        sections.add(SectionViews.carbon(r, m));
        sections.add(SectionViews.quota(r, m));
        sections.add(SectionViews.vehicles(r, m));
        sections.add(SectionViews.alerts(r, m));
        sections.add(SectionViews.findings(r, m));
        List<KeyFigure> key = List.of(
                new KeyFigure(m.kpiTotalKgce(), Cell.num(r.energy().totalKgce(), KGCE), "kgce"),
                new KeyFigure(m.kpiTotalTce(), Cell.num(r.energy().totalTce(), TCE), "tce"),
                new KeyFigure(m.kpiCo2(), Cell.num(r.carbon().totalKg(), KG), "kgCO₂"),
                new KeyFigure(m.kpiChange(), Cell.num(r.energy().changePct(), PCT), "%"),
                new KeyFigure(m.kpiCompleteness(), Cell.pct(r.profile().completeness(), RATIO_PCT), ""),
                new KeyFigure(m.kpiFindings(), Cell.num((double) r.findings().size(), 0), ""));
        return new ReportView(m.title(r.profile().name(), r.year()),
                m.subtitle(r.institutionId(), r.from(), r.to(), r.timezone(), r.generatedAt()), key, sections);
    }

    private static Section profile(AuditReport r, ReportMessages m) {
        ProfileSection p = r.profile();
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(row(Cell.text(m.fieldName()), Cell.text(p.name())));
        rows.add(row(Cell.text(m.fieldInstitutionId()), Cell.text(p.institutionId())));
        rows.add(row(Cell.text(m.fieldRegion()), Cell.text(p.regionName() == null ? p.regionCode()
                : p.regionName() + " (" + p.regionCode() + ")")));
        rows.add(row(Cell.text(m.fieldCategory()), Cell.text(p.category())));
        rows.add(row(Cell.text(m.fieldFloorArea()), Cell.num(p.floorAreaM2(), 2)));
        rows.add(row(Cell.text(m.fieldOccupants()),
                Cell.num(p.occupants() == null ? null : p.occupants().doubleValue(), 0)));
        rows.add(row(Cell.text(m.fieldPvCapacity()), Cell.num(p.pvCapacityKwp(), 2)));
        rows.add(row(Cell.text(m.fieldDataCentres()), Cell.num((double) p.dataCentres(), 0)));
        rows.add(row(Cell.text(m.fieldPeriod()), Cell.text(r.from() + " – " + r.to())));
        rows.add(row(Cell.text(m.fieldTimezone()), Cell.text(r.timezone())));
        rows.add(row(Cell.text(m.fieldCompleteness()), Cell.pct(p.completeness(), RATIO_PCT)));
        rows.add(row(Cell.text(m.fieldEstimated()), Cell.text(p.estimated() ? m.yes() : m.no())));
        rows.add(row(Cell.text(m.fieldPreviousCompleteness()), Cell.pct(p.previousYearCompleteness(), RATIO_PCT)));
        rows.add(row(Cell.text(m.fieldFactorTable()), Cell.text(r.factorTableVersion())));
        rows.add(row(Cell.text(m.fieldGeneratedAt()), Cell.text(r.generatedAt())));
        List<List<Cell>> meters = new ArrayList<>();
        for (ProfileSection.MeterCompleteness mc : p.meters()) {
            meters.add(row(Cell.text(mc.meterId()), Cell.text(mc.type()), Cell.text(mc.role()), Cell.text(mc.subitem()),
                    Cell.num((double) mc.intervalSeconds(), 0), Cell.num((double) mc.readings(), 0),
                    Cell.pct(mc.completeness(), RATIO_PCT), Cell.text(mc.estimated() ? m.yes() : m.no())));
        }
        return new Section("profile", m.sectionProfile(), List.of(
                Table.keyValue(null, m.colItem(), m.colValue(), rows),
                new Table(m.tableMeters(), List.of(m.colMeter(), m.colType(), m.colRole(), m.colSubItem(),
                        m.colIntervalS(), m.colReadings(), m.colCompleteness(), m.colEstimated()), meters)),
                List.of(m.noteCompleteness()));
    }

    private static Section energy(AuditReport r, ReportMessages m) {
        EnergySection e = r.energy();
        List<List<Cell>> lines = new ArrayList<>();
        for (EnergySection.EnergyLine l : e.lines()) {
            lines.add(row(Cell.text(energyName(l.energy(), m)), Cell.text(l.unit()),
                    Cell.num(l.quantity(), decimals(l.unit())), Cell.num(l.kgce(), KGCE), Cell.num(l.sharePct(), PCT),
                    Cell.num(l.factorKgce(), FACTOR),
                    Cell.num(l.previousQuantity(), decimals(l.unit())), Cell.num(l.changePct(), PCT)));
        }
        lines.add(row(Cell.text(m.rowTotal()), Cell.text("kgce"), Cell.num(e.totalKgce(), KGCE),
                Cell.num(e.totalKgce(), KGCE),
                Cell.num(e.totalKgce() > 0 ? 100.0 : null, PCT), Cell.empty(), Cell.num(e.previousTotalKgce(), KGCE),
                Cell.num(e.changePct(), PCT)));
        List<List<Cell>> totals = List.of(
                row(Cell.text(m.fieldTotalKgce()), Cell.num(e.totalKgce(), KGCE)),
                row(Cell.text(m.fieldTotalTce()), Cell.num(e.totalTce(), TCE)),
                row(Cell.text(m.fieldPreviousTotalKgce()), Cell.num(e.previousTotalKgce(), KGCE)),
                row(Cell.text(m.fieldPreviousTotalTce()), Cell.num(e.previousTotalTce(), TCE)),
                row(Cell.text(m.fieldChangePct()), Cell.num(e.changePct(), PCT)),
                row(Cell.text(m.fieldCo2Kg()), Cell.num(e.co2Kg(), KG)),
                row(Cell.text(m.fieldGridImport()), Cell.num(e.electricity().gridImportKwh(), KWH)),
                row(Cell.text(m.fieldGridExport()), Cell.num(e.electricity().gridExportKwh(), KWH)),
                row(Cell.text(m.fieldPvGeneration()), Cell.num(e.electricity().pvGenerationKwh(), KWH)),
                row(Cell.text(m.fieldConsumption()), Cell.num(e.electricity().consumptionKwh(), KWH)),
                row(Cell.text(m.fieldPreviousConsumption()), Cell.num(e.electricity().previousConsumptionKwh(), KWH)));
        List<List<Cell>> months = new ArrayList<>();
        for (EnergySection.MonthRow mr : e.months()) {
            months.add(row(Cell.text(mr.month()), Cell.num(mr.gridImportKwh(), KWH), Cell.num(mr.gridExportKwh(), KWH),
                    Cell.num(mr.pvGenerationKwh(), KWH), Cell.num(mr.electricityKwh(), KWH), Cell.num(mr.gasM3(), M3),
                    Cell.num(mr.heatGj(), GJ), Cell.num(mr.waterM3(), M3), Cell.num(mr.kgce(), KGCE),
                    Cell.num(mr.co2Kg(), KG), Cell.pct(mr.completeness(), RATIO_PCT)));
        }
        AfterHoursLoad ah = e.afterHours();
        List<List<Cell>> afterHours = List.of(
                row(Cell.text(m.fieldWorkingMeanKw()), Cell.num(ah.workingMeanKw(), KW)),
                row(Cell.text(m.fieldAfterHoursMeanKw()), Cell.num(ah.afterHoursMeanKw(), KW)),
                row(Cell.text(m.fieldAfterHoursRatio()), Cell.pct(ah.ratio(), RATIO_PCT)),
                row(Cell.text(m.fieldAfterHoursThreshold()), Cell.pct(ah.threshold(), RATIO_PCT)),
                row(Cell.text(m.fieldWorkingHours()), Cell.num(ah.workingHours(), 1)),
                row(Cell.text(m.fieldAfterHours()), Cell.num(ah.afterHours(), 1)));
        return new Section("energy", m.sectionEnergy(), List.of(
                new Table(m.tableEnergyByType(), List.of(m.colEnergy(), m.colUnit(), m.colQuantity(), m.colKgce(),
                        m.colSharePct(), m.colFactor(), m.colPreviousQuantity(), m.colChangePct()), lines),
                Table.keyValue(m.tableTotals(), m.colItem(), m.colValue(), totals),
                new Table(m.tableMonths(), List.of(m.colMonth(), m.colGridImportKwh(), m.colGridExportKwh(),
                        m.colPvKwh(), m.colConsumptionKwh(), m.colGasM3(), m.colHeatGj(), m.colWaterM3(), m.colKgce(),
                        m.colCo2Kg(), m.colCompleteness()), months),
                Table.keyValue(m.tableAfterHours(), m.colItem(), m.colValue(), afterHours)),
                List.of(m.noteKgce(), m.noteAfterHours()));
    }

    private static Section intensities(AuditReport r, ReportMessages m) {
        List<List<Cell>> rows = new ArrayList<>();
        for (IntensitySection.IntensityLine l : r.intensities().lines()) {
            int decimals = l.indicator().equals("totalKgce") ? KGCE : INTENSITY;
            rows.add(row(Cell.text(indicatorName(l.indicator(), m)), Cell.text(l.unit()),
                    Cell.num(l.actual(), decimals), Cell.num(l.quota(), decimals), Cell.num(l.usedPct(), PCT),
                    Cell.text(l.status() == null ? null : statusName(l.status(), m))));
        }
        return new Section("intensities", m.sectionIntensities(), List.of(new Table(null, List.of(m.colIndicator(),
                m.colUnit(), m.colActual(), m.colQuota(), m.colUsedPct(), m.colStatus()), rows)),
                List.of(m.noteIntensities()));
    }

    static int decimals(String unit) {
        return "GJ".equals(unit) ? GJ : KWH;
    }

    static String energyName(String energy, ReportMessages m) {
        return switch (energy) {
            case "electricity" -> m.energyElectricity();
            case "naturalGas" -> m.energyNaturalGas();
            case "heat" -> m.energyHeat();
            case "pvGeneration" -> m.energyPv();
            case "water" -> m.energyWater();
            case "grid" -> m.energyGrid();
            default -> energy;
        };
    }

    static String indicatorName(String indicator, ReportMessages m) {
        return switch (indicator) {
            case "totalKgce" -> m.indicatorTotalKgce();
            case "kgcePerCapita" -> m.indicatorKgcePerCapita();
            case "kgcePerM2" -> m.indicatorKgcePerM2();
            case "waterM3PerCapita" -> m.indicatorWaterM3PerCapita();
            case "co2KgPerCapita" -> m.indicatorCo2KgPerCapita();
            case "co2KgPerM2" -> m.indicatorCo2KgPerM2();
            default -> indicator;
        };
    }

    static String statusName(String status, ReportMessages m) {
        return switch (status) {
            case "ok" -> m.statusOk();
            case "warning" -> m.statusWarning();
            case "at_risk" -> m.statusAtRisk();
            case "exceeded" -> m.statusExceeded();
            default -> status;
        };
    }
}
