package io.jieneng.analytics.energy;

/**
 * An institution's quantities over one bucket (or the whole range, for the total), docs/DOMAIN.md §2–§4.
 *
 * @param start           inclusive start, ISO-8601 with the deployment time zone's offset
 * @param end             exclusive end
 * @param electricityKwh  consumption: gridImportKwh + pvGenerationKwh − gridExportKwh
 * @param kgce            comprehensive energy of purchased energy (grid import, gas, heat), kgce
 * @param co2Kg           scope 1 + scope 2 emissions, kg CO₂
 * @param completeness    Σ min(received, expected) ÷ Σ expected over the meters, or {@code null} when no
 *                        reading was expected (the bucket lies in the future or before every meter's commissioning)
 * @param estimated       true when part of the energy was spread over a gap in the readings
 */
public record ConsumptionBucket(String start, String end, double gridImportKwh, double gridExportKwh,
                                double pvGenerationKwh, double electricityKwh, double gasM3, double waterM3,
                                double heatGj, double kgce, double co2Kg, Double completeness, boolean estimated) {
}
