package io.jieneng.analytics.report;

import io.jieneng.analytics.pue.Pue;

import java.util.List;

/**
 * The PUE and GB 40879-2021 grade of each of the institution's data centres over the year, and month by month
 * (the {@code pue_above_limit} alert looks at calendar months).
 */
public record DataCentreSection(List<Centre> centres) {

    public DataCentreSection {
        centres = List.copyOf(centres);
    }

    /**
     * @param pue              totalKwh ÷ itKwh as {@code GET /datacenters/{id}/pue} answers for the year
     * @param monthsAboveLimit the months whose PUE is above the 1.50 limit
     */
    public record Centre(String dataCenterId, double itKwh, double totalKwh, Double pue, Pue.Grade grade,
                         Double completeness, boolean estimated, List<MonthPue> months, int monthsAboveLimit) {

        public Centre {
            months = List.copyOf(months);
        }
    }

    /** One local month; pue and grade are null when the IT load used nothing. */
    public record MonthPue(String month, double itKwh, double totalKwh, Double pue, Pue.Grade grade) {
    }
}
