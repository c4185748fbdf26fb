package io.jieneng.analytics.carbon;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CarbonTest {

    private static final FactorTable DEFAULTS = FactorTable.load(Optional.empty());

    @Test
    void kgceWeighsPurchasedEnergyByTheGbT2589Factors() {
        // 1000 × 0.1229 + 100 × 1.2143 + 10 × 34.12
        assertThat(ComprehensiveEnergy.kgce(1000, 100, 10, DEFAULTS)).isCloseTo(585.53, within(1e-9));
        assertThat(ComprehensiveEnergy.kgce(0, 0, 0, DEFAULTS)).isZero();
        assertThat(ComprehensiveEnergy.kgce(1000, 0, 0, DEFAULTS) / ComprehensiveEnergy.KGCE_PER_TCE)
                .isCloseTo(0.1229, within(1e-12));
    }

    @Test
    void scope1IsGasBurntOnSite() {
        assertThat(Carbon.scope1Kg(100, DEFAULTS)).isCloseTo(216.22, within(1e-9));
    }

    @Test
    void scope2IsGridImportAtThatYearsGridFactorPlusPurchasedHeat() {
        // 1000 × 0.5500 + 10 × 110
        assertThat(Carbon.scope2Kg(1000, 10, DEFAULTS, "east-china", 2023)).isCloseTo(1650.0, within(1e-9));
        // 2022 uses 0.5617; 2025 has no factor yet and falls back to 2023.
        assertThat(Carbon.scope2Kg(1000, 0, DEFAULTS, "east-china", 2022)).isCloseTo(561.7, within(1e-9));
        assertThat(Carbon.scope2Kg(1000, 0, DEFAULTS, "east-china", 2025)).isCloseTo(550.0, within(1e-9));
        assertThat(Carbon.scope2Kg(1000, 0, DEFAULTS, "national", 2023)).isCloseTo(530.6, within(1e-9));
    }

    @Test
    void pvAvoidedUsesTheGridFactor() {
        assertThat(Carbon.pvAvoidedKg(1000, DEFAULTS, "national", 2022)).isCloseTo(536.6, within(1e-9));
    }

    @Test
    void negativeOrNonFiniteQuantitiesAreRefused() {
        assertThatThrownBy(() -> ComprehensiveEnergy.kgce(-1, 0, 0, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gridImportKwh");
        assertThatThrownBy(() -> Carbon.scope1Kg(Double.NaN, DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Carbon.scope2Kg(1, Double.POSITIVE_INFINITY, DEFAULTS, "national", 2023))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Carbon.scope2Kg(1, 0, DEFAULTS, "mars", 2023))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
