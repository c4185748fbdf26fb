package io.jieneng.analytics.report;

import java.util.List;

/**
 * The audit report of one institution for one local calendar year (能源审计, docs/DOMAIN.md §6): computed once per
 * request, then rendered as json, csv, xlsx or html, so every format shows the same figures. Section records
 * carry their units in their field names; {@code docs/REPORTS.md} describes each section.
 *
 * @param lang        the language of the texts (finding messages); figures do not depend on it
 * @param from        inclusive start of the year, ISO-8601 with the deployment time zone's offset
 * @param to          exclusive end
 * @param generatedAt when the report was computed; a year in progress covers the data received until then
 */
public record AuditReport(String institutionId, int year, String lang, String timezone, String from, String to,
                          String generatedAt, String factorTableVersion, ProfileSection profile, EnergySection energy,
                          IntensitySection intensities, SubItemSection subItems, PvSection pv,
                          DataCentreSection dataCentres, CarbonSection carbon, QuotaSection quota,
                          VehicleSection vehicles, AlertSection alerts,
                          List<Finding> findings) {

    public AuditReport {
        findings = List.copyOf(findings);
    }
}
