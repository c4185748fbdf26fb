package io.jieneng.analytics.report;

import java.util.List;

/**
 * Who the report is about and how much of it rests on data (docs/DOMAIN.md §6, first section).
 *
 * @param floorAreaM2            floor area, null when the registry does not know it
 * @param occupants              staff (用能人数), null when unknown
 * @param pvCapacityKwp          installed PV capacity of all the institution's PV meters, kWp
 * @param completeness           the year's completeness of the meters that feed the totals (docs/DOMAIN.md §1.6), null
 *                               when no reading was expected
 * @param estimated              true when part of the year's energy was spread over a gap
 * @param previousYearCompleteness the same for the previous year, which the year-on-year change rests on
 * @param meters                 every meter of the institution with its own completeness
 */
public record ProfileSection(String institutionId, String name, String regionCode, String regionName,
                             String category, Double floorAreaM2, Integer occupants, double pvCapacityKwp,
                             int dataCentres, Double completeness, boolean estimated, Double previousYearCompleteness,
                             List<MeterCompleteness> meters) {

    public ProfileSection {
        meters = List.copyOf(meters);
    }

    /**
     * One meter's data over the year.
     *
     * @param role         {@code main} or {@code sub} for electricity meters, else null
     * @param subitem      MOHURD code of a sub-meter, else null
     * @param readings     distinct reading timestamps received in the year
     * @param completeness min(received, expected) ÷ expected, null when nothing was expected
     * @param estimated    true when a gap in its readings was spread into the year
     */
    public record MeterCompleteness(String meterId, String type, String role, String subitem, int intervalSeconds,
                                    long readings, Double completeness, boolean estimated) {
    }
}
