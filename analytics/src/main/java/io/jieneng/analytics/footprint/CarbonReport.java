package io.jieneng.analytics.footprint;

import io.jieneng.analytics.carbon.Factor;

import java.util.List;

/**
 * The answer of {@code GET /institutions/{id}/carbon?year} (docs/CONTRACT.md §3): kgCO₂ of the local calendar year.
 * The first fields are the contract's; {@code timezone}, {@code from}, {@code to}, {@code activity},
 * {@code completeness}, {@code estimated} and {@code factorTableVersion} extend it so that each figure can be
 * traced to the quantities and the factor table it came from.
 *
 * @param perCapitaKg  totalKg ÷ occupants, null when the institution's occupants are unknown
 * @param perM2Kg      totalKg ÷ floorAreaM2, null when the floor area is unknown
 * @param factors      the factors applied, each with its source and the data year it was published for
 * @param completeness share of the expected readings received over the year so far, null when none was expected
 */
public record CarbonReport(String institutionId, int year, double totalKg, double scope1Kg, double scope2Kg,
                           ByEnergy byEnergy, double pvAvoidedKg, Double perCapitaKg, Double perM2Kg,
                           List<Factor> factors, String timezone, String from, String to, Activity activity,
                           Double completeness, boolean estimated, String factorTableVersion) {

    /** kgCO₂ by energy: grid electricity and purchased heat are scope 2, natural gas scope 1. */
    public record ByEnergy(double electricity, double gas, double heat) {
    }

    /** The activity data the emissions were computed from (the consumption endpoint's totals for the year). */
    public record Activity(double gridImportKwh, double pvGenerationKwh, double gasM3, double heatGj) {
    }
}
