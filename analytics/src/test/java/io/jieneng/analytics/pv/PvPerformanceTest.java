package io.jieneng.analytics.pv;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

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

    @Property(tries = 300)
    void selfConsumptionStaysInTheUnitInterval(@ForAll @DoubleRange(min = 0.01, max = 1e6) double generation,
                                               @ForAll @DoubleRange(min = 0, max = 2e6) double export) {
        assertThat(PvPerformance.selfConsumptionRate(generation, export)).isBetween(0.0, 1.0);
    }
}
