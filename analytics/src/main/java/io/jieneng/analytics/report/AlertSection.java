package io.jieneng.analytics.report;

import java.util.List;

/**
 * The alerts the engine opened for the institution during the year (docs/DOMAIN.md §6), by type: every alert whose
 * {@code openedAt} falls in the year, as {@code GET /alerts?institution} lists them.
 *
 * @param byType one line per alert type of docs/CONTRACT.md §3, in its order, zeros included
 * @param alerts the year's alerts, oldest first
 */
public record AlertSection(int total, List<TypeCount> byType, List<AlertLine> alerts) {

    public AlertSection {
        byType = List.copyOf(byType);
        alerts = List.copyOf(alerts);
    }

    /**
     * @param opened     alerts of the type opened in the year
     * @param unresolved those of them still open or acknowledged when the report was made
     */
    public record TypeCount(String type, String severity, int opened, int unresolved) {
    }

    /** One alert, as the alerts endpoint answers it. */
    public record AlertLine(long id, String type, String meterId, String status, String openedAt, String resolvedAt,
                            Double value, Double threshold, String unit, String period, String message) {
    }
}
