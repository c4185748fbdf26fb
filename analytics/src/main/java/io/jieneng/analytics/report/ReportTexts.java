package io.jieneng.analytics.report;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

import static io.jieneng.analytics.report.ReportNumbers.display;
import static io.jieneng.analytics.report.ReportNumbers.displayPercent;

/**
 * Words the findings in the report's language from the message bundle ({@link ReportMessages}), with the cited
 * figures rounded as the html shows them.
 */
@ApplicationScoped
public class ReportTexts {

    @Inject
    ReportMessages zh;

    @Inject
    @Localized("en")
    ReportMessages en;

    public ReportMessages messages(ReportLang lang) {
        return lang == ReportLang.EN ? en : zh;
    }

    public List<Finding> localize(List<Finding> findings, ReportLang lang) {
        ReportMessages m = messages(lang);
        return findings.stream().map(f -> f.withText(message(f, m), recommendation(f.rule(), m))).toList();
    }

    private static String message(Finding f, ReportMessages m) {
        return switch (f.rule()) {
            case "pue_above_limit" -> m.findingPueAboveLimit(f.subject(), display(f.value("pue"), 3),
                    display(f.value("limitPue"), 2), kwh(f, "totalKwh"), kwh(f, "itKwh"),
                    display(f.value("monthsAboveLimit"), 0));
            case "pue_months_above_limit" -> m.findingPueMonthsAboveLimit(f.subject(),
                    display(f.value("monthsAboveLimit"), 0), display(f.value("limitPue"), 2),
                    display(f.value("pue"), 3));
            case "pue_above_green_target" -> m.findingPueAboveGreenTarget(f.subject(), display(f.value("pue"), 3),
                    display(f.value("targetPue"), 2));
            case "after_hours_high" -> m.findingAfterHoursHigh(displayPercent(f.value("ratio"), 1),
                    displayPercent(f.value("threshold"), 0), display(f.value("afterHoursMeanKw"), 2),
                    display(f.value("workingMeanKw"), 2));
            case "pv_self_consumption_low" -> m.findingPvSelfConsumptionLow(
                    displayPercent(f.value("selfConsumptionRate"), 1), displayPercent(f.value("threshold"), 0),
                    kwh(f, "generationKwh"), kwh(f, "gridExportKwh"));
            case "sub_meters_exceed_main" -> m.findingSubMetersExceedMain(kwh(f, "meteredKwh"),
                    kwh(f, "consumptionKwh"), kwh(f, "unmeteredKwh"), display(f.value("thresholdPct"), 0));
            case "energy_increased" -> m.findingEnergyIncreased(display(f.value("totalKgce"), 2),
                    display(f.value("previousTotalKgce"), 2), display(f.value("changePct"), 2));
            case "nev_below_target" -> m.findingNevBelowTarget(displayPercent(f.value("nevShare"), 1),
                    displayPercent(f.value("target"), 0), display(f.value("nev"), 0), display(f.value("acquired"), 0));
            case "data_incomplete" -> m.findingDataIncomplete(displayPercent(f.value("completeness"), 2),
                    displayPercent(f.value("threshold"), 0));
            case "quota_exceeded", "quota_at_risk", "quota_warning" -> quotaMessage(f, m);
            default -> throw new IllegalArgumentException("no text for finding rule " + f.rule());
        };
    }

    private static String quotaMessage(Finding f, ReportMessages m) {
        String indicator = ReportViews.indicatorName(f.subject(), m);
        int decimals = "totalKgce".equals(f.subject()) ? 2 : 4;
        String actual = display(f.value("actual"), decimals);
        String projected = display(f.value("projected"), decimals);
        String quota = display(f.value("quota"), decimals);
        String used = display(f.value("usedPct"), 2);
        return switch (f.rule()) {
            case "quota_exceeded" -> m.findingQuotaExceeded(indicator, actual, quota, used);
            case "quota_at_risk" -> m.findingQuotaAtRisk(indicator, actual, projected, quota, used);
            default -> m.findingQuotaWarning(indicator, actual, projected, quota, used);
        };
    }

    private static String recommendation(String rule, ReportMessages m) {
        return switch (rule) {
            case "pue_above_limit", "pue_months_above_limit" -> m.recommendPue();
            case "pue_above_green_target" -> m.recommendPueGreen();
            case "after_hours_high" -> m.recommendAfterHours();
            case "pv_self_consumption_low" -> m.recommendPvSelfConsumption();
            case "sub_meters_exceed_main" -> m.recommendSubMeters();
            case "energy_increased" -> m.recommendEnergyIncreased();
            case "nev_below_target" -> m.recommendNev();
            case "data_incomplete" -> m.recommendDataIncomplete();
            case "quota_exceeded", "quota_at_risk", "quota_warning" -> m.recommendQuota();
            default -> throw new IllegalArgumentException("no recommendation for finding rule " + rule);
        };
    }

    private static String kwh(Finding f, String name) {
        return display(f.value(name), 2);
    }
}
