package io.jieneng.analytics.pv;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PvPerformanceTest {

    @Test
    void specificYieldIsGenerationPerKilowattPeak() {
        assertThat(PvPerformance.specificYield(450.0, 100.0)).isCloseTo(4.5, within(1e-15));
        assertThat(PvPerformance.specificYield(450.0, null)).isNull();
        assertThat(PvPerformance.specificYield(450.0, 0.0)).isNull();
    }

    @Test
    void selfConsumptionIsTheShareOfGenerationNotExported() {
        assertThat(PvPerformance.selfConsumptionRate(200.0, 50.0)).isCloseTo(0.75, within(1e-15));
        assertThat(PvPerformance.selfConsumptionRate(200.0, 0.0)).isEqualTo(1.0);
        assertThat(PvPerformance.selfConsumptionRate(200.0, 260.0)).as("clipped at 0").isEqualTo(0.0);
        assertThat(PvPerformance.selfConsumptionRate(0.0, 10.0)).as("undefined without generation").isNull();
    }

    @Test
    void performanceRatioIsSpecificYieldOverIrradiation() {
        // 4.5 kWh/kWp on a day of 5.6 kWh/m², i.e. 5.6 peak-sun hours: PR 0.80357...
        assertThat(PvPerformance.performanceRatio(4.5, 5.6)).isCloseTo(4.5 / 5.6, within(1e-15));
        assertThat(PvPerformance.performanceRatio(4.5, null)).isNull();
        assertThat(PvPerformance.performanceRatio(0.0, 0.0)).as("a night: no irradiation, no ratio").isNull();
        assertThat(PvPerformance.performanceRatio(null, 5.6)).isNull();
    }

    @Test
    void selfConsumptionStaysInTheUnitInterval() {
        Property.check(r -> staysInTheUnitInterval(Gen.doubleIn(r, 0.01, 1e6), Gen.doubleIn(r, 0, 2e6)));
    }

    /** Nothing exported, everything, more than everything, and the ends of both ranges. */
    @ParameterizedTest
    @CsvSource({"0.01, 0", "0.01, 2e6", "1e6, 0", "1e6, 2e6", "1e6, 1e6", "0.01, 0.01", "0.3, 0.1", "0.01, 4.9e-324"})
    void selfConsumptionStaysInTheUnitInterval_edges(double generation, double export) {
        staysInTheUnitInterval(generation, export);
    }

    private static void staysInTheUnitInterval(double generation, double export) {
        assertThat(PvPerformance.selfConsumptionRate(generation, export)).isBetween(0.0, 1.0);
    }
}
