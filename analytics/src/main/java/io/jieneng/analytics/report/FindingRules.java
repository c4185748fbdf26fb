package io.jieneng.analytics.report;

import io.jieneng.analytics.pue.Pue;
import io.jieneng.analytics.report.Finding.Evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules that turn a report's figures into findings (pure). Each rule compares figures of the report with a
 * threshold and, when it fires, cites both; {@link ReportTexts} words them. The thresholds and why they were
 * chosen are in docs/REPORTS.md.
 */
public final class FindingRules {

    /** GB 40879-2021 limit value: a data centre above it misses the standard. */
    public static final double PUE_LIMIT = Pue.Grade.THREE.maxPue();
    /** Public-institution green data centres aim for grade 2 or better (docs/DOMAIN.md §5). */
    public static final double PUE_GREEN_TARGET = Pue.Grade.TWO.maxPue();
    /** Below this, more than 30 % of the PV output leaves the building (docs/REPORTS.md). */
    public static final double PV_SELF_CONSUMPTION_MIN = 0.70;
    /** The {@code data_gap} threshold of docs/DOMAIN.md §6, applied to the year. */
    public static final double COMPLETENESS_MIN = 0.90;
    /** Sub-meters that see more than the main balance by this share of it point at a metering fault. */
    public static final double SUB_METER_EXCESS_PCT = 2.0;
    /** The NEV target for vehicles acquired in a year (docs/DOMAIN.md §6). */
    public static final double NEV_TARGET = 0.30;

    private FindingRules() {
    }

    /** The findings the figures trigger, most severe first, each without its text. */
    public static List<Finding> derive(ProfileSection profile, EnergySection energy, SubItemSection subItems,
                                       PvSection pv, DataCentreSection dataCentres, VehicleSection vehicles,
                                       List<Finding> quotaFindings) {
        List<Finding> out = new ArrayList<>(quotaFindings);
        for (DataCentreSection.Centre c : dataCentres.centres()) {
            if (c.pue() == null) {
                continue;
            }
            List<Evidence> cited = List.of(ev("pue", c.pue(), ""), ev("itKwh", c.itKwh(), "kWh"),
                    ev("totalKwh", c.totalKwh(), "kWh"), ev("monthsAboveLimit", c.monthsAboveLimit(), "months"));
            if (c.pue() > PUE_LIMIT) {
                out.add(finding("pue_above_limit", "high", "dataCentres", c.dataCenterId(),
                        with(cited, ev("limitPue", PUE_LIMIT, ""))));
            } else if (c.monthsAboveLimit() > 0) {
                out.add(finding("pue_months_above_limit", "medium", "dataCentres", c.dataCenterId(),
                        with(cited, ev("limitPue", PUE_LIMIT, ""))));
            } else if (c.pue() > PUE_GREEN_TARGET) {
                out.add(finding("pue_above_green_target", "info", "dataCentres", c.dataCenterId(),
                        with(cited, ev("targetPue", PUE_GREEN_TARGET, ""))));
            }
        }
        AfterHoursLoad ah = energy.afterHours();
        if (ah.ratio() != null && ah.ratio() > ah.threshold()) {
            out.add(finding("after_hours_high", "medium", "energy", null, List.of(ev("ratio", ah.ratio(), ""),
                    ev("threshold", ah.threshold(), ""), ev("afterHoursMeanKw", ah.afterHoursMeanKw(), "kW"),
                    ev("workingMeanKw", ah.workingMeanKw(), "kW"))));
        }
        if (pv.selfConsumptionRate() != null && pv.selfConsumptionRate() < PV_SELF_CONSUMPTION_MIN) {
            out.add(finding("pv_self_consumption_low", "medium", "pv", null, List.of(
                    ev("selfConsumptionRate", pv.selfConsumptionRate(), ""),
                    ev("threshold", PV_SELF_CONSUMPTION_MIN, ""), ev("generationKwh", pv.generationKwh(), "kWh"),
                    ev("gridExportKwh", pv.gridExportKwh(), "kWh"))));
        }
        if (subItems.consumptionKwh() > 0 && !subItems.items().isEmpty()
                && -subItems.unmeteredKwh() > SUB_METER_EXCESS_PCT / 100 * subItems.consumptionKwh()) {
            out.add(finding("sub_meters_exceed_main", "high", "subItems", null, List.of(
                    ev("meteredKwh", subItems.meteredKwh(), "kWh"),
                    ev("consumptionKwh", subItems.consumptionKwh(), "kWh"),
                    ev("unmeteredKwh", subItems.unmeteredKwh(), "kWh"),
                    ev("thresholdPct", SUB_METER_EXCESS_PCT, "%"))));
        }
        // A previous year with much missing data would make any change meaningless, so it must be nearly complete.
        if (energy.changePct() != null && energy.changePct() > 0 && profile.previousYearCompleteness() != null
                && profile.previousYearCompleteness() >= COMPLETENESS_MIN) {
            out.add(finding("energy_increased", "medium", "energy", null, List.of(
                    ev("totalKgce", energy.totalKgce(), "kgce"),
                    ev("previousTotalKgce", energy.previousTotalKgce(), "kgce"),
                    ev("changePct", energy.changePct(), "%"))));
        }
        if (vehicles.nevShare() != null && vehicles.nevShare() < NEV_TARGET) {
            out.add(finding("nev_below_target", "medium", "vehicles", null, List.of(
                    ev("nevShare", vehicles.nevShare(), ""),
                    ev("target", NEV_TARGET, ""), ev("nev", vehicles.nev(), "vehicles"),
                    ev("acquired", vehicles.acquired(), "vehicles"))));
        }
        if (profile.completeness() != null && profile.completeness() < COMPLETENESS_MIN) {
            out.add(finding("data_incomplete", "medium", "profile", null, List.of(
                    ev("completeness", profile.completeness(), ""), ev("threshold", COMPLETENESS_MIN, ""))));
        }
        out.sort((a, b) -> Integer.compare(rank(a.severity()), rank(b.severity())));
        return out;
    }

    static Finding finding(String rule, String severity, String section, String subject, List<Evidence> evidence) {
        return new Finding(rule, severity, section, subject, evidence, null, null);
    }

    static Evidence ev(String name, double value, String unit) {
        return new Evidence(name, value, unit);
    }

    private static List<Evidence> with(List<Evidence> cited, Evidence more) {
        List<Evidence> out = new ArrayList<>(cited);
        out.add(1, more);
        return out;
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "high" -> 0;
            case "medium" -> 1;
            default -> 2;
        };
    }
}
