package io.jieneng.analytics.carbon;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CarbonFootprintTest {

    private static final FactorTable DEFAULTS = FactorTable.load(Optional.empty());

    @Test
    void domainExampleFor2026UsesThe2023EastChinaFactor() {
        CarbonFootprint f = CarbonFootprint.of(10_000.0, 500.0, 20.0, 3_000.0, DEFAULTS, "east-china", 2026);

        assertThat(f.electricityKg()).isCloseTo(5_500.0, within(1e-9));
        assertThat(f.gasKg()).isCloseTo(1_081.1, within(1e-9));
        assertThat(f.heatKg()).isCloseTo(2_200.0, within(1e-9));
        assertThat(f.scope1Kg()).isCloseTo(1_081.1, within(1e-9));
        assertThat(f.scope2Kg()).isCloseTo(7_700.0, within(1e-9));
        assertThat(f.totalKg()).isCloseTo(8_781.1, within(1e-9));
        assertThat(f.pvAvoidedKg()).as("reported, not subtracted").isCloseTo(1_650.0, within(1e-9));
        assertThat(f.factors()).extracting(Factor::energy)
                .containsExactly(Factor.Energy.GRID, Factor.Energy.NATURAL_GAS, Factor.Energy.HEAT);
        assertThat(f.factors().get(0).year()).isEqualTo(2023);
        assertThat(f.factors().get(0).value()).isEqualTo(0.5500);
    }

    @Test
    void theYearSelectsTheGridFactorAndTheRegionItsTable() {
        assertThat(CarbonFootprint.of(1000.0, 0, 0, 0, DEFAULTS, "east-china", 2022).electricityKg())
                .isCloseTo(561.7, within(1e-9));
        assertThat(CarbonFootprint.of(1000.0, 0, 0, 0, DEFAULTS, "national", 2023).electricityKg())
                .isCloseTo(530.6, within(1e-9));
        assertThat(CarbonFootprint.of(1000.0, 0, 0, 0, DEFAULTS, "east-china", 2019).factors().get(0).year())
                .as("before the earliest year: the earliest").isEqualTo(2022);
    }

    @Test
    void intensitiesAreNullWhenTheDivisorIsUnknown() {
        assertThat(CarbonFootprint.intensity(1000.0, 200)).isEqualTo(5.0);
        assertThat(CarbonFootprint.intensity(1000.0, 2500.0)).isEqualTo(0.4);
        assertThat(CarbonFootprint.intensity(1000.0, null)).isNull();
        assertThat(CarbonFootprint.intensity(1000.0, 0)).isNull();
    }

    @Test
    void refusesNegativeQuantities() {
        assertThatThrownBy(() -> CarbonFootprint.of(-1.0, 0, 0, 0, DEFAULTS, "east-china", 2026))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gridImportKwh");
        assertThatThrownBy(() -> CarbonFootprint.of(0, 0, 0, Double.NaN, DEFAULTS, "east-china", 2026))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pvGenerationKwh");
    }

    @Test
    void scopesAddUpAndAgreeWithTheConsumptionFormula() {
        Property.check(r -> scopesAddUp(Gen.doubleIn(r, 0, 1e7), Gen.doubleIn(r, 0, 1e6), Gen.doubleIn(r, 0, 1e4),
                Gen.intIn(r, 2000, 2100)));
    }

    /** Nothing used, the most of everything, and years before, at and after the factor table's. */
    @ParameterizedTest
    @CsvSource({"0, 0, 0, 2000", "1e7, 1e6, 1e4, 2100", "0, 1e6, 0, 2022", "1e7, 0, 1e4, 2023", "0, 0, 1e4, 2026",
            "4.9e-324, 4.9e-324, 4.9e-324, 2021", "0.1, 0.2, 0.3, 2024"})
    void scopesAddUpAndAgreeWithTheConsumptionFormula_edges(double importKwh, double gasM3, double heatGj, int year) {
        scopesAddUp(importKwh, gasM3, heatGj, year);
    }

    private static void scopesAddUp(double importKwh, double gasM3, double heatGj, int year) {
        CarbonFootprint f = CarbonFootprint.of(importKwh, gasM3, heatGj, 0, DEFAULTS, "east-china", year);

        assertThat(f.scope1Kg()).isEqualTo(f.gasKg());
        assertThat(f.scope2Kg()).isEqualTo(f.electricityKg() + f.heatKg());
        assertThat(f.totalKg()).isEqualTo(Carbon.scope1Kg(gasM3, DEFAULTS)
                + Carbon.scope2Kg(importKwh, heatGj, DEFAULTS, "east-china", year));
    }
}
