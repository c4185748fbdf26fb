package io.jieneng.analytics.quota;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Quota;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reports from hand-computed totals. The institution has 100 occupants and 2000 m²; kgce = kWh × 0.1229 +
 * gas m³ × 1.2143 + heat GJ × 34.12.
 */
class QuotaEvaluatorTest {

    private static final FactorTable FACTORS = FactorTable.load(Optional.empty());
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Institution INST = new Institution("inst", "x", "320000", "school", 2000.0, 100);

    /** 10,000 kWh and 100 m³ of gas: 1229 + 121.43 = 1350.43 kgce; 500 m³ of water; complete data. */
    private static final EnergyTotals ACTUAL = new EnergyTotals(10_000, 0, 0, 100, 500, 0, 96, 96);

    private static QuotaEvaluator.Inputs inputs(LocalDate asOf, EnergyTotals actual, EnergyTotals previous,
                                                EnergyTotals previousToSameDay) {
        return new QuotaEvaluator.Inputs(QuotaPeriod.of(asOf.getYear(), asOf), actual, previous, previousToSameDay,
                0.9, FACTORS, ZONE);
    }

    private static IndicatorStatus indicator(QuotaReport r, QuotaIndicator which) {
        return r.indicators().stream().filter(i -> i.indicator() == which).findFirst().orElseThrow();
    }

    @Test
    void everyIndicatorOfAYearThatEnded() {
        Quota quota = new Quota("inst", 2025, 1350.43, 15.0, 0.5, 4.0);
        QuotaReport r = QuotaEvaluator.evaluate(INST, quota, inputs(LocalDate.of(2025, 12, 31), ACTUAL, null, null));

        assertThat(r.elapsedFraction()).isEqualTo(1.0);
        assertThat(r.projectionMethod()).isEqualTo(ProjectionMethod.LINEAR);
        assertThat(r.asOf()).isEqualTo("2025-12-31");
        assertThat(r.from()).isEqualTo("2025-01-01T00:00:00+08:00");
        assertThat(r.to()).isEqualTo("2026-01-01T00:00:00+08:00");
        assertThat(r.indicators()).extracting(IndicatorStatus::indicator).containsExactly(QuotaIndicator.TOTAL_KGCE,
                QuotaIndicator.KGCE_PER_CAPITA, QuotaIndicator.KGCE_PER_M2, QuotaIndicator.WATER_M3_PER_CAPITA);

        IndicatorStatus total = indicator(r, QuotaIndicator.TOTAL_KGCE);
        assertThat(total.actual()).isCloseTo(1350.43, within(1e-9));
        assertThat(total.projected()).isEqualTo(total.actual());
        assertThat(total.usedPct()).isCloseTo(100.0, within(1e-9));
        assertThat(total.status()).as("exactly 100 %").isEqualTo(QuotaStatus.WARNING);
        assertThat(total.unit()).isEqualTo("kgce");

        IndicatorStatus perCapita = indicator(r, QuotaIndicator.KGCE_PER_CAPITA);
        assertThat(perCapita.actual()).isCloseTo(13.5043, within(1e-9));
        assertThat(perCapita.status()).as("13.5043 > 13.5 = 90 % of 15").isEqualTo(QuotaStatus.WARNING);

        IndicatorStatus perM2 = indicator(r, QuotaIndicator.KGCE_PER_M2);
        assertThat(perM2.actual()).isCloseTo(0.675215, within(1e-9));
        assertThat(perM2.status()).isEqualTo(QuotaStatus.EXCEEDED);
        assertThat(perM2.unit()).isEqualTo("kgce/m2");

        IndicatorStatus water = indicator(r, QuotaIndicator.WATER_M3_PER_CAPITA);
        assertThat(water.actual()).isEqualTo(5.0);
        assertThat(water.usedPct()).isEqualTo(125.0);
        assertThat(water.status()).isEqualTo(QuotaStatus.EXCEEDED);

        assertThat(r.status()).isEqualTo(QuotaStatus.EXCEEDED);
        assertThat(r.completeness()).isEqualTo(1.0);
        assertThat(r.unavailable()).isEmpty();
    }

    @Test
    void midYearTheLinearProjectionDecidesBetweenOkWarningAndAtRisk() {
        // 2024-07-01: half of the leap year, projected = 2 × actual.
        LocalDate asOf = LocalDate.of(2024, 7, 1);
        QuotaReport r = QuotaEvaluator.evaluate(INST, new Quota("inst", 2024, 3000.86, null, null, 11.0),
                inputs(asOf, ACTUAL, null, null));
        assertThat(r.elapsedFraction()).isEqualTo(0.5);
        assertThat(indicator(r, QuotaIndicator.TOTAL_KGCE).projected()).isCloseTo(2700.86, within(1e-9));
        assertThat(indicator(r, QuotaIndicator.TOTAL_KGCE).status()).as("2700.86 > 90 % of 3000.86 = 2700.774")
                .isEqualTo(QuotaStatus.WARNING);
        assertThat(indicator(r, QuotaIndicator.WATER_M3_PER_CAPITA).status()).as("10 ≤ 9.9? no: 10 > 9.9")
                .isEqualTo(QuotaStatus.WARNING);

        QuotaReport ok = QuotaEvaluator.evaluate(INST, new Quota("inst", 2024, 3001.0, null, null, 100.0 / 9),
                inputs(asOf, ACTUAL, null, null));
        assertThat(indicator(ok, QuotaIndicator.TOTAL_KGCE).status()).isEqualTo(QuotaStatus.OK);
        assertThat(indicator(ok, QuotaIndicator.WATER_M3_PER_CAPITA).status()).as("projected 10 = 90 % of 11.1")
                .isEqualTo(QuotaStatus.OK);

        QuotaReport risk = QuotaEvaluator.evaluate(INST, new Quota("inst", 2024, 2700.0, null, null, null),
                inputs(asOf, ACTUAL, null, null));
        assertThat(risk.indicators()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(QuotaStatus.AT_RISK);
            assertThat(i.usedPct()).isCloseTo(100 * 1350.43 / 2700, within(1e-9));
        });
        assertThat(risk.status()).isEqualTo(QuotaStatus.AT_RISK);
    }

    @Test
    void aFullPreviousYearProjectsWithItsProfile() {
        // Previous year: 4000 kgce-worth of electricity in all (4000 / 0.1229 kWh), a quarter of it by the same
        // day; water 1000 m³, 200 by the same day. Projection: kgce × 4, water × 5.
        EnergyTotals previous = new EnergyTotals(4000 / 0.1229, 0, 0, 0, 1000, 0, 35_040, 35_040);
        EnergyTotals toSameDay = new EnergyTotals(1000 / 0.1229, 0, 0, 0, 200, 0, 8_000, 8_000);
        QuotaReport r = QuotaEvaluator.evaluate(INST, new Quota("inst", 2025, 6000.0, null, null, 20.0),
                inputs(LocalDate.of(2025, 4, 1), ACTUAL, previous, toSameDay));

        assertThat(r.projectionMethod()).isEqualTo(ProjectionMethod.SEASONAL);
        assertThat(indicator(r, QuotaIndicator.TOTAL_KGCE).projected()).isCloseTo(1350.43 * 4, within(1e-6));
        assertThat(indicator(r, QuotaIndicator.TOTAL_KGCE).status()).as("5401.72 > 5400").isEqualTo(QuotaStatus.WARNING);
        assertThat(indicator(r, QuotaIndicator.WATER_M3_PER_CAPITA).projected()).isCloseTo(25.0, within(1e-9));
        assertThat(indicator(r, QuotaIndicator.WATER_M3_PER_CAPITA).status()).isEqualTo(QuotaStatus.AT_RISK);
        assertThat(r.previousYear()).satisfies(p -> {
            assertThat(p.year()).isEqualTo(2024);
            assertThat(p.sameDay()).isEqualTo("2024-04-01");
            assertThat(p.full()).isTrue();
            assertThat(p.kgce()).isCloseTo(4000, within(1e-9));
            assertThat(p.kgceToSameDay()).isCloseTo(1000, within(1e-9));
        });

        // The same figures projected linearly: 2025-04-01 is day 91 of 365.
        QuotaReport linear = QuotaEvaluator.evaluate(INST, new Quota("inst", 2025, 6000.0, null, null, 20.0),
                inputs(LocalDate.of(2025, 4, 1), ACTUAL, null, null));
        assertThat(linear.projectionMethod()).isEqualTo(ProjectionMethod.LINEAR);
        assertThat(indicator(linear, QuotaIndicator.TOTAL_KGCE).projected()).isCloseTo(1350.43 * 365 / 91,
                within(1e-9));
    }

    @Test
    void anIncompleteOrEmptyPreviousYearFallsBackToLinear() {
        EnergyTotals gappy = new EnergyTotals(10_000, 0, 0, 0, 1000, 0, 89, 100);
        EnergyTotals part = new EnergyTotals(1000, 0, 0, 0, 200, 0, 20, 25);
        QuotaReport r = QuotaEvaluator.evaluate(INST, new Quota("inst", 2025, 6000.0, null, null, null),
                inputs(LocalDate.of(2025, 4, 1), ACTUAL, gappy, part));
        assertThat(r.projectionMethod()).isEqualTo(ProjectionMethod.LINEAR);
        assertThat(r.previousYear().completeness()).isEqualTo(0.89);
        assertThat(r.previousYear().full()).isFalse();

        EnergyTotals complete = new EnergyTotals(10_000, 0, 0, 0, 1000, 0, 90, 100);
        assertThat(QuotaEvaluator.evaluate(INST, new Quota("inst", 2025, 6000.0, null, null, null),
                inputs(LocalDate.of(2025, 4, 1), ACTUAL, complete, part)).projectionMethod())
                .as("90 % is full").isEqualTo(ProjectionMethod.SEASONAL);

        // No water by the same day last year: water cannot be projected seasonally, so nothing is.
        EnergyTotals dryStart = new EnergyTotals(1000, 0, 0, 0, 0, 0, 25, 25);
        assertThat(QuotaEvaluator.evaluate(INST, new Quota("inst", 2025, 6000.0, null, null, 20.0),
                inputs(LocalDate.of(2025, 4, 1), ACTUAL, complete, dryStart)).projectionMethod())
                .isEqualTo(ProjectionMethod.LINEAR);
    }

    @Test
    void indicatorsWithoutTheirDivisorAreListedAsUnavailable() {
        Institution bare = new Institution("bare", "x", "320000", "school", null, 0);
        QuotaReport r = QuotaEvaluator.evaluate(bare, new Quota("bare", 2025, 2000.0, 10.0, 1.0, 5.0),
                inputs(LocalDate.of(2025, 12, 31), ACTUAL, null, null));
        assertThat(r.indicators()).extracting(IndicatorStatus::indicator).containsExactly(QuotaIndicator.TOTAL_KGCE);
        assertThat(r.unavailable()).extracting(UnavailableIndicator::indicator).containsExactly(
                QuotaIndicator.KGCE_PER_CAPITA, QuotaIndicator.KGCE_PER_M2, QuotaIndicator.WATER_M3_PER_CAPITA);
        assertThat(r.status()).isEqualTo(QuotaStatus.OK);

        QuotaReport none = QuotaEvaluator.evaluate(bare, new Quota("bare", 2025, null, 10.0, null, null),
                inputs(LocalDate.of(2025, 12, 31), ACTUAL, null, null));
        assertThat(none.indicators()).isEmpty();
        assertThat(none.status()).isNull();
    }

    @Test
    void periodsAreRefusedInTheFutureAndOutsideTheYear() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        assertThat(QuotaPeriod.resolve(2026, Optional.empty(), today).asOf()).isEqualTo(today);
        assertThat(QuotaPeriod.resolve(2025, Optional.empty(), today).asOf()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(QuotaPeriod.resolve(2024, Optional.of(LocalDate.of(2024, 2, 29)), today).elapsedFraction())
                .isEqualTo(60 / 366.0);
        for (Runnable bad : new Runnable[]{
                () -> QuotaPeriod.resolve(2027, Optional.empty(), today),
                () -> QuotaPeriod.resolve(2025, Optional.of(LocalDate.of(2026, 1, 1)), today),
                () -> QuotaPeriod.resolve(2026, Optional.of(LocalDate.of(2026, 3, 11)), today)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(bad::run)
                    .isInstanceOf(io.jieneng.analytics.error.ApiException.class)
                    .satisfies(e -> assertThat(((io.jieneng.analytics.error.ApiException) e).getResponse()
                            .getStatus()).isEqualTo(400));
        }
        assertThat(QuotaPeriod.of(2025, LocalDate.of(2025, 12, 31)).yearComplete()).isTrue();
        assertThat(QuotaPeriod.of(2025, LocalDate.of(2025, 3, 1)).previousYearSameDay())
                .isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(QuotaPeriod.of(2024, LocalDate.of(2024, 2, 29)).previousYearSameDay())
                .isEqualTo(LocalDate.of(2023, 2, 28));
    }
}
