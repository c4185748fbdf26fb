package io.jieneng.analytics.pue;

/**
 * The answer of {@code GET /datacenters/{id}/pue?from&to} (docs/CONTRACT.md §3). {@code institutionId}, {@code from},
 * {@code to}, {@code completeness} and {@code estimated} extend the contract.
 *
 * @param itKwh        energy of the IT equipment meter over [from, to), kWh
 * @param totalKwh     energy of the facility meter over [from, to), kWh
 * @param pue          totalKwh ÷ itKwh, null when itKwh is 0
 * @param grade        GB 40879-2021 grade: 1, 2, 3 or "below-limit"; null when pue is null
 * @param completeness share of the two meters' expected readings that arrived, null when none was expected
 * @param estimated    true when a gap in either meter's readings was spread into the range
 */
public record PueReport(String dataCenterId, double itKwh, double totalKwh, Double pue, Pue.Grade grade,
                        String institutionId, String from, String to, Double completeness, boolean estimated) {
}
