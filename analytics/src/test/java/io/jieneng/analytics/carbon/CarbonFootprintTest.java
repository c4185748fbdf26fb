package io.jieneng.analytics.carbon;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

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

    @Property(tries = 300)
    void scopesAddUpAndAgreeWithTheConsumptionFormula(@ForAll @DoubleRange(min = 0, max = 1e7) double importKwh,
            @ForAll @DoubleRange(min = 0, max = 1e6) double gasM3, @ForAll @DoubleRange(min = 0, max = 1e4) double heatGj,
            @ForAll @IntRange(min = 2000, max = 2100) int year) {
        CarbonFootprint f = CarbonFootprint.of(importKwh, gasM3, heatGj, 0, DEFAULTS, "east-china", year);

        assertThat(f.scope1Kg()).isEqualTo(f.gasKg());
        assertThat(f.scope2Kg()).isEqualTo(f.electricityKg() + f.heatKg());
        assertThat(f.totalKg()).isEqualTo(Carbon.scope1Kg(gasM3, DEFAULTS)
                + Carbon.scope2Kg(importKwh, heatGj, DEFAULTS, "east-china", year));
    }
}
