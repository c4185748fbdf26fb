package io.jieneng.analytics.report;

import java.util.List;

/**
 * The electricity sub-item breakdown (MOHURD 分项计量) from the sub-meters, with the unmetered remainder.
 * The sub-meters measure the building's load behind the grid connection, where rooftop PV also feeds in, so
 * they are compared with the consumption (import + PV − export), not with the import alone. 01D10 (IT centre)
 * is nested in 01D00 (special): only first-level items add up (docs/REPORTS.md).
 *
 * @param consumptionKwh       import + PV − export of the year, the whole the items are shares of
 * @param items                one line per sub-item code present, first-level codes in MOHURD order, each
 *                             nested item after its parent
 * @param meteredKwh           Σ kWh of the lines that count toward the sum
 * @param unmeteredKwh         consumptionKwh − meteredKwh; negative when the sub-meters see more than the main
 *                             balance (a metering fault, reported as such)
 * @param unmeteredSharePct    100 × unmeteredKwh ÷ consumptionKwh; null without consumption
 */
public record SubItemSection(double consumptionKwh, double gridImportKwh, double pvGenerationKwh,
                             double gridExportKwh, List<SubItemLine> items, double meteredKwh, double unmeteredKwh,
                             Double unmeteredSharePct) {

    public SubItemSection {
        items = List.copyOf(items);
    }

    /**
     * @param code     MOHURD code, e.g. {@code 01B00}
     * @param level    1 for a first-level item, 2 for one nested in another (01D10 in 01D00)
     * @param parent   the code a level-2 item is part of, else null
     * @param meters   the sub-meters summed into it
     * @param counted  whether it adds to {@code meteredKwh}: every first-level item, and a nested one only when
     *                 its parent has no meter of its own
     * @param sharePct 100 × kwh ÷ consumptionKwh; null without consumption
     */
    public record SubItemLine(String code, String nameZh, String nameEn, int level, String parent,
                              List<String> meters, double kwh, boolean counted, Double sharePct) {

        public SubItemLine {
            meters = List.copyOf(meters);
        }
    }
}
