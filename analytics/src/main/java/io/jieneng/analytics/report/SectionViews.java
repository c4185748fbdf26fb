package io.jieneng.analytics.report;

import io.jieneng.analytics.carbon.Factor;
import io.jieneng.analytics.pue.Pue;
import io.jieneng.analytics.quota.IndicatorStatus;
import io.jieneng.analytics.quota.ProjectionMethod;
import io.jieneng.analytics.quota.QuotaIndicator;
import io.jieneng.analytics.quota.QuotaReport;
import io.jieneng.analytics.quota.UnavailableIndicator;
import io.jieneng.analytics.report.ReportView.Cell;
import io.jieneng.analytics.report.ReportView.Section;
import io.jieneng.analytics.report.ReportView.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.jieneng.analytics.report.ReportView.row;
import static io.jieneng.analytics.report.ReportViews.FACTOR;
import static io.jieneng.analytics.report.ReportViews.INTENSITY;
import static io.jieneng.analytics.report.ReportViews.KGCE;
import static io.jieneng.analytics.report.ReportViews.KG;
import static io.jieneng.analytics.report.ReportViews.KWH;
import static io.jieneng.analytics.report.ReportViews.PCT;
import static io.jieneng.analytics.report.ReportViews.PUE;
import static io.jieneng.analytics.report.ReportViews.RATIO_PCT;

/** The later sections of a {@link ReportView}: sub-items, PV, data centres, carbon, quota, vehicles, findings. */
final class SectionViews {

    private SectionViews() {
    }

    static Section subItems(AuditReport r, ReportMessages m) {
        SubItemSection s = r.subItems();
        boolean zh = "zh".equals(r.lang());
        List<List<Cell>> rows = new ArrayList<>();
        for (SubItemSection.SubItemLine l : s.items()) {
            String name = (l.level() == 2 ? "└ " : "") + (zh ? l.nameZh() : l.nameEn());
            rows.add(row(Cell.text(l.code()), Cell.text(name), Cell.text(String.join(", ", l.meters())),
                    Cell.num(l.kwh(), KWH), Cell.num(l.sharePct(), PCT), Cell.text(l.counted() ? m.yes() : m.no())));
        }
        rows.add(row(Cell.text(""), Cell.text(m.rowMetered()), Cell.empty(), Cell.num(s.meteredKwh(), KWH),
                Cell.num(SubItemBreakdown.pct(s.meteredKwh(), s.consumptionKwh()), PCT), Cell.empty()));
        rows.add(row(Cell.text(""), Cell.text(m.rowUnmetered()), Cell.empty(), Cell.num(s.unmeteredKwh(), KWH),
                Cell.num(s.unmeteredSharePct(), PCT), Cell.empty()));
        rows.add(row(Cell.text(""), Cell.text(m.rowConsumption()), Cell.empty(), Cell.num(s.consumptionKwh(), KWH),
                Cell.num(s.consumptionKwh() > 0 ? 100.0 : null, PCT), Cell.empty()));
        List<List<Cell>> balance = List.of(
                row(Cell.text(m.fieldGridImport()), Cell.num(s.gridImportKwh(), KWH)),
                row(Cell.text(m.fieldPvGeneration()), Cell.num(s.pvGenerationKwh(), KWH)),
                row(Cell.text(m.fieldGridExport()), Cell.num(s.gridExportKwh(), KWH)),
                row(Cell.text(m.fieldConsumption()), Cell.num(s.consumptionKwh(), KWH)));
        return new Section("subItems", m.sectionSubItems(), List.of(
                new Table(null, List.of(m.colCode(), m.colSubItem(), m.colMeters(), m.colKwh(), m.colSharePct(),
                        m.colCounted()), rows),
                Table.keyValue(m.tableBalance(), m.colItem(), m.colValue(), balance)),
                List.of(m.noteSubItems()));
    }

    static Section pv(AuditReport r, ReportMessages m) {
        PvSection p = r.pv();
        List<List<Cell>> rows = List.of(
                row(Cell.text(m.fieldPvGeneration()), Cell.num(p.generationKwh(), KWH)),
                row(Cell.text(m.fieldPvCapacity()), Cell.num(p.capacityKwp(), 2)),
                row(Cell.text(m.fieldSpecificYield()), Cell.num(p.specificYieldKwhPerKwp(), 2)),
                row(Cell.text(m.fieldGridExport()), Cell.num(p.gridExportKwh(), KWH)),
                row(Cell.text(m.fieldSelfConsumed()), Cell.num(p.selfConsumedKwh(), KWH)),
                row(Cell.text(m.fieldSelfConsumptionRate()), Cell.pct(p.selfConsumptionRate(), RATIO_PCT)),
                row(Cell.text(m.fieldAvoidedCo2()), Cell.num(p.avoidedCo2Kg(), KG)),
                row(Cell.text(m.fieldGridFactor()), Cell.num(p.gridFactor().value(), FACTOR)),
                row(Cell.text(m.fieldFactorSource()), Cell.text(p.gridFactor().source())));
        List<List<Cell>> arrays = new ArrayList<>();
        for (PvSection.PvArray a : p.arrays()) {
            arrays.add(row(Cell.text(a.meterId()), Cell.num(a.capacityKwp(), 2), Cell.num(a.generationKwh(), KWH),
                    Cell.num(a.specificYieldKwhPerKwp(), 2), Cell.num(a.irradiationKwhPerM2(), 2),
                    Cell.num(a.performanceRatio(), 3), Cell.pct(a.completeness(), RATIO_PCT)));
        }
        return new Section("pv", m.sectionPv(), List.of(
                Table.keyValue(null, m.colItem(), m.colValue(), rows),
                new Table(m.tablePvArrays(), List.of(m.colMeter(), m.colCapacityKwp(), m.colGenerationKwh(),
                        m.colSpecificYield(), m.colIrradiation(), m.colPerformanceRatio(), m.colCompleteness()),
                        arrays)),
                List.of(m.notePv()));
    }

    static Section dataCentres(AuditReport r, ReportMessages m) {
        List<List<Cell>> rows = new ArrayList<>();
        List<List<Cell>> months = new ArrayList<>();
        for (DataCentreSection.Centre c : r.dataCentres().centres()) {
            rows.add(row(Cell.text(c.dataCenterId()), Cell.num(c.itKwh(), KWH), Cell.num(c.totalKwh(), KWH),
                    Cell.num(c.pue(), PUE), Cell.text(gradeName(c.grade(), m)),
                            Cell.num((double) c.monthsAboveLimit(), 0),
                    Cell.pct(c.completeness(), RATIO_PCT)));
            for (DataCentreSection.MonthPue mp : c.months()) {
                months.add(row(Cell.text(c.dataCenterId()), Cell.text(mp.month()), Cell.num(mp.itKwh(), KWH),
                        Cell.num(mp.totalKwh(), KWH), Cell.num(mp.pue(), PUE), Cell.text(gradeName(mp.grade(), m))));
            }
        }
        return new Section("dataCentres", m.sectionDataCentres(), List.of(
                new Table(null, List.of(m.colDataCentre(), m.colItKwh(), m.colTotalKwh(), m.colPue(), m.colGrade(),
                        m.colMonthsAboveLimit(), m.colCompleteness()), rows),
                new Table(m.tableMonths(), List.of(m.colDataCentre(), m.colMonth(), m.colItKwh(), m.colTotalKwh(),
                        m.colPue(), m.colGrade()), months)),
                List.of(m.notePue()));
    }

    static Section carbon(AuditReport r, ReportMessages m) {
        CarbonSection c = r.carbon();
        List<List<Cell>> rows = List.of(
                row(Cell.text(m.fieldScope1()), Cell.num(c.scope1Kg(), KG)),
                row(Cell.text(m.fieldScope2()), Cell.num(c.scope2Kg(), KG)),
                row(Cell.text(m.fieldCo2Total()), Cell.num(c.totalKg(), KG)),
                row(Cell.text(m.fieldCo2Electricity()), Cell.num(c.electricityKg(), KG)),
                row(Cell.text(m.fieldCo2Gas()), Cell.num(c.gasKg(), KG)),
                row(Cell.text(m.fieldCo2Heat()), Cell.num(c.heatKg(), KG)),
                row(Cell.text(m.fieldAvoidedCo2()), Cell.num(c.pvAvoidedKg(), KG)),
                row(Cell.text(m.fieldCo2PerCapita()), Cell.num(c.perCapitaKg(), KG)),
                row(Cell.text(m.fieldCo2PerM2()), Cell.num(c.perM2Kg(), KG)),
                row(Cell.text(m.fieldPreviousCo2()), Cell.num(c.previousTotalKg(), KG)),
                row(Cell.text(m.fieldChangePct()), Cell.num(c.changePct(), PCT)));
        List<List<Cell>> factors = new ArrayList<>();
        for (Factor f : c.factors()) {
            factors.add(row(Cell.text(ReportViews.energyName(f.energy().jsonName(), m)), Cell.num(f.value(), FACTOR),
                    Cell.text(f.unit()), Cell.text(f.source()),
                            Cell.num(f.year() == null ? null : f.year().doubleValue(), 0),
                    Cell.text(f.region())));
        }
        return new Section("carbon", m.sectionCarbon(), List.of(
                Table.keyValue(null, m.colItem(), m.colValue(), rows),
                new Table(m.tableFactors(), List.of(m.colEnergy(), m.colFactor(), m.colUnit(), m.colSource(),
                        m.colFactorYear(), m.colRegion()), factors)),
                List.of(m.noteCarbon()));
    }

    static Section quota(AuditReport r, ReportMessages m) {
        QuotaReport q = r.quota().quota();
        List<Table> tables = new ArrayList<>();
        if (q != null) {
            tables.add(Table.keyValue(null, m.colItem(), m.colValue(), List.of(
                    row(Cell.text(m.fieldAsOf()), Cell.text(q.asOf())),
                    row(Cell.text(m.fieldElapsedFraction()), Cell.pct(q.elapsedFraction(), RATIO_PCT)),
                    row(Cell.text(m.fieldProjectionMethod()),
                            Cell.text(q.projectionMethod() == ProjectionMethod.SEASONAL
                            ? m.projectionSeasonal() : m.projectionLinear())),
                    row(Cell.text(m.fieldQuotaStatus()), Cell.text(q.status() == null ? null
                            : ReportViews.statusName(q.status().jsonName(), m))),
                    row(Cell.text(m.fieldCompleteness()), Cell.pct(q.completeness(), RATIO_PCT)))));
            List<List<Cell>> rows = new ArrayList<>();
            for (IndicatorStatus s : q.indicators()) {
                int decimals = s.indicator() == QuotaIndicator.TOTAL_KGCE ? KGCE : INTENSITY;
                rows.add(row(Cell.text(ReportViews.indicatorName(s.indicator().jsonName(), m)), Cell.text(s.unit()),
                        Cell.num(s.quota(), decimals), Cell.num(s.actual(), decimals),
                        Cell.num(s.projected(), decimals),
                        Cell.num(s.usedPct(), PCT), Cell.text(ReportViews.statusName(s.status().jsonName(), m))));
            }
            for (UnavailableIndicator u : q.unavailable()) {
                rows.add(row(Cell.text(ReportViews.indicatorName(u.indicator().jsonName(), m)),
                        Cell.text(u.indicator().unit()), Cell.num(u.quota(), INTENSITY), Cell.empty(), Cell.empty(),
                        Cell.empty(), Cell.text(u.reason())));
            }
            tables.add(new Table(null, List.of(m.colIndicator(), m.colUnit(), m.colQuota(), m.colActual(),
                    m.colProjected(), m.colUsedPct(), m.colStatus()), rows));
        }
        List<List<Cell>> points = new ArrayList<>();
        for (QuotaSection.TrajectoryPoint p : r.quota().trajectory()) {
            points.add(row(Cell.text(p.date()), Cell.num(p.cumulativeKgce(), KGCE),
                    Cell.num(p.proratedQuotaKgce(), KGCE)));
        }
        tables.add(new Table(m.tableTrajectory(), List.of(m.colDate(), m.colCumulativeKgce(), m.colProratedQuota()),
                points));
        return new Section("quota", m.sectionQuota(), tables, List.of(q == null ? m.noteNoQuota() : m.noteQuota()));
    }

    static Section vehicles(AuditReport r, ReportMessages m) {
        VehicleSection v = r.vehicles();
        List<List<Cell>> rows = List.of(
                row(Cell.text(m.fieldVehiclesAcquired()), Cell.num((double) v.acquired(), 0)),
                row(Cell.text(m.fieldVehiclesNev()), Cell.num((double) v.nev(), 0)),
                row(Cell.text(m.fieldVehiclesIce()), Cell.num((double) v.ice(), 0)),
                row(Cell.text(m.fieldNevShare()), Cell.pct(v.nevShare(), RATIO_PCT)),
                row(Cell.text(m.fieldNevTarget()), Cell.pct(v.targetShare(), RATIO_PCT)),
                row(Cell.text(m.fieldNevTargetMet()), Cell.text(v.targetMet() == null ? null
                        : v.targetMet() ? m.yes() : m.no())));
        List<List<Cell>> list = new ArrayList<>();
        for (VehicleSection.VehicleLine l : v.vehicles()) {
            list.add(row(Cell.text(l.id()), Cell.text("nev".equals(l.energy()) ? m.vehicleNev() : m.vehicleIce()),
                    Cell.text(l.acquired().toString())));
        }
        return new Section("vehicles", m.sectionVehicles(), List.of(
                Table.keyValue(null, m.colItem(), m.colValue(), rows),
                new Table(m.tableVehicles(), List.of(m.colPlate(), m.colVehicleEnergy(), m.colAcquired()), list)),
                List.of());
    }

    static Section alerts(AuditReport r, ReportMessages m) {
        List<List<Cell>> counts = new ArrayList<>();
        for (AlertSection.TypeCount c : r.alerts().byType()) {
            counts.add(row(Cell.text(alertTypeName(c.type(), m)), Cell.text(c.type()),
                    Cell.num((double) c.opened(), 0), Cell.num((double) c.unresolved(), 0)));
        }
        counts.add(row(Cell.text(m.rowTotal()), Cell.empty(), Cell.num((double) r.alerts().total(), 0), Cell.empty()));
        List<List<Cell>> list = new ArrayList<>();
        for (AlertSection.AlertLine a : r.alerts().alerts()) {
            list.add(row(Cell.num((double) a.id(), 0), Cell.text(alertTypeName(a.type(), m)), Cell.text(a.meterId()),
                    Cell.text(a.openedAt()), Cell.text(a.resolvedAt()), Cell.text(a.status()),
                    Cell.num(a.value(), 4), Cell.num(a.threshold(), 4), Cell.text(a.unit()), Cell.text(a.message())));
        }
        return new Section("alerts", m.sectionAlerts(), List.of(
                new Table(null, List.of(m.colAlertType(), m.colCode(), m.colOpened(), m.colUnresolved()), counts),
                new Table(m.tableAlerts(), List.of(m.colId(), m.colAlertType(), m.colMeter(), m.colOpenedAt(),
                        m.colResolvedAt(), m.colStatus(), m.colValue(), m.colThreshold(), m.colUnit(), m.colMessage()),
                        list)),
                List.of(m.noteAlerts()));
    }

    static String alertTypeName(String type, ReportMessages m) {
        return switch (type) {
            case "quota_warning" -> m.alertQuotaWarning();
            case "quota_at_risk" -> m.alertQuotaAtRisk();
            case "quota_exceeded" -> m.alertQuotaExceeded();
            case "meter_offline" -> m.alertMeterOffline();
            case "after_hours_waste" -> m.alertAfterHoursWaste();
            case "pue_above_limit" -> m.alertPueAboveLimit();
            case "data_gap" -> m.alertDataGap();
            default -> type;
        };
    }

    static Section findings(AuditReport r, ReportMessages m) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Finding f : r.findings()) {
            String evidence = f.evidence().stream()
                    .map(e -> e.name() + " = " + ReportNumbers.plain(e.value())
                            + (e.unit().isEmpty() ? "" : " " + e.unit()))
                    .collect(Collectors.joining("; "));
            rows.add(row(Cell.text(severityName(f.severity(), m)), Cell.text(f.rule()), Cell.text(f.message()),
                    Cell.text(f.recommendation()), Cell.text(evidence)));
        }
        return new Section("findings", m.sectionFindings(), List.of(new Table(null, List.of(m.colSeverity(),
                m.colRule(), m.colFinding(), m.colRecommendation(), m.colEvidence()), rows)),
                List.of(rows.isEmpty() ? m.noteNoFindings() : m.noteFindings()));
    }

    static String gradeName(Pue.Grade grade, ReportMessages m) {
        if (grade == null) {
            return null;
        }
        return switch (grade) {
            case ONE -> m.grade1();
            case TWO -> m.grade2();
            case THREE -> m.grade3();
            case BELOW_LIMIT -> m.gradeBelowLimit();
        };
    }

    static String severityName(String severity, ReportMessages m) {
        return switch (severity) {
            case "high" -> m.severityHigh();
            case "medium" -> m.severityMedium();
            default -> m.severityInfo();
        };
    }
}
