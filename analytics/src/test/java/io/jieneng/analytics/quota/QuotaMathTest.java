package io.jieneng.analytics.quota;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.jieneng.analytics.quota.QuotaStatus.AT_RISK;
import static io.jieneng.analytics.quota.QuotaStatus.EXCEEDED;
import static io.jieneng.analytics.quota.QuotaStatus.OK;
import static io.jieneng.analytics.quota.QuotaStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed quota cases (docs/DOMAIN.md §5): each status and each boundary. */
class QuotaMathTest {

    private static QuotaStatus linear(double actual, LocalDate asOf, double quota) {
        return QuotaMath.status(actual, QuotaMath.linearProjection(actual, QuotaMath.elapsedFraction(asOf)), quota);
    }

    @Test
    void elapsedFractionIsDayOfYearOverLengthOfYear() {
        assertThat(QuotaMath.elapsedFraction(LocalDate.of(2026, 1, 1))).isEqualTo(1 / 365.0);
        assertThat(QuotaMath.elapsedFraction(LocalDate.of(2026, 12, 31))).isEqualTo(1.0);
        assertThat(QuotaMath.elapsedFraction(LocalDate.of(2024, 12, 31))).as("366 / 366").isEqualTo(1.0);
        assertThat(QuotaMath.elapsedFraction(LocalDate.of(2024, 2, 29))).isEqualTo(60 / 366.0);
        assertThat(QuotaMath.elapsedFraction(LocalDate.of(2024, 3, 1))).isEqualTo(61 / 366.0);
        assertThat(QuotaMath.elapsedFraction(LocalDate.of(2025, 3, 1))).isEqualTo(60 / 365.0);
        // 1 July is day 183 of a leap year: exactly half of it.
        assertThat(QuotaMath.elapsedFraction(LocalDate.of(2024, 7, 1))).isEqualTo(0.5);
    }

    @Test
    void eachStatusWithItsBoundaries() {
        LocalDate midYear = LocalDate.of(2024, 7, 1);
        // Half the leap year has elapsed: projected = 2 × actual; quota 1000.
        assertThat(linear(400, midYear, 1000)).as("projected 800").isEqualTo(OK);
        assertThat(linear(450, midYear, 1000)).as("projected exactly 90 % is not above 90 %").isEqualTo(OK);
        assertThat(linear(450.5, midYear, 1000)).as("projected 901").isEqualTo(WARNING);
        assertThat(linear(500, midYear, 1000)).as("projected exactly 100 % is not above the quota")
                .isEqualTo(WARNING);
        assertThat(linear(500.5, midYear, 1000)).as("projected 1001").isEqualTo(AT_RISK);
        assertThat(linear(1000, midYear, 1000)).as("actual exactly the quota, projected 2000").isEqualTo(AT_RISK);
        assertThat(linear(1000.5, midYear, 1000)).as("actual above the quota").isEqualTo(EXCEEDED);
    }

    @Test
    void on31DecemberTheProjectionIsTheActual() {
        LocalDate lastDay = LocalDate.of(2025, 12, 31);
        assertThat(QuotaMath.linearProjection(1234.5, QuotaMath.elapsedFraction(lastDay))).isEqualTo(1234.5);
        assertThat(linear(900, lastDay, 1000)).as("exactly 90 %").isEqualTo(OK);
        assertThat(linear(900.1, lastDay, 1000)).isEqualTo(WARNING);
        assertThat(linear(1000, lastDay, 1000)).as("exactly 100 %: neither exceeded nor at risk").isEqualTo(WARNING);
        assertThat(linear(1000.1, lastDay, 1000)).isEqualTo(EXCEEDED);
        // A leap year's 31 December is day 366 of 366.
        assertThat(linear(1000, LocalDate.of(2024, 12, 31), 1000)).isEqualTo(WARNING);
    }

    @Test
    void theSameActualOnTheSameDateDiffersBetweenALeapYearAndOthers() {
        // 1 July: day 183 of 366 (0.5) in 2024, day 182 of 365 in 2025; 2 July is day 183 of 365.
        assertThat(linear(500, LocalDate.of(2024, 7, 1), 1000)).as("projected 1000.0").isEqualTo(WARNING);
        assertThat(linear(500, LocalDate.of(2025, 7, 1), 1000)).as("projected 1002.7").isEqualTo(AT_RISK);
        assertThat(linear(500, LocalDate.of(2025, 7, 2), 1000)).as("projected 997.3").isEqualTo(WARNING);
        assertThat(QuotaMath.linearProjection(500, QuotaMath.elapsedFraction(LocalDate.of(2025, 7, 1))))
                .isCloseTo(500 * 365 / 182.0, within(1e-9));
    }

    @Test
    void aConsumptionOfExactlyTheQuotaIsNotExceededDespiteFloatingPoint() {
        // Three months of 0.1 tce each against a quota of 0.3 tce: in doubles the sum is 0.30000000000000004.
        double actual = 0.1 + 0.1 + 0.1;
        assertThat(actual).isGreaterThan(0.3);
        assertThat(QuotaMath.status(actual, actual, 0.3)).as("exactly 100 %").isEqualTo(WARNING);
        double ninety = 0.09 + 0.09 + 0.09;
        assertThat(QuotaMath.status(ninety, ninety, 0.3)).as("exactly 90 %").isEqualTo(OK);
        assertThat(QuotaMath.status(0.3000001, 0.3000001, 0.3)).as("a real excess").isEqualTo(EXCEEDED);
    }

    @Test
    void usedPctAndTheZeroQuota() {
        assertThat(QuotaMath.usedPct(450, 1000)).isEqualTo(45.0);
        assertThat(QuotaMath.usedPct(0, 0)).isNull();
        assertThat(QuotaMath.status(0, 0, 0)).isEqualTo(OK);
        assertThat(QuotaMath.status(0.5, 0.5, 0)).isEqualTo(EXCEEDED);
    }

    @Test
    void theSeasonalFactorIsTheWholeYearOverTheYearToTheSameDay() {
        assertThat(QuotaMath.seasonalFactor(1200, 300)).isEqualTo(4.0);
        assertThat(QuotaMath.seasonalFactor(1200, 1200)).isEqualTo(1.0);
        assertThat(QuotaMath.seasonalFactor(1200, 0)).isNull();
        assertThat(QuotaMath.seasonalFactor(100, 200)).isNull();
    }

    @Test
    void theWorstStatusIsTheMostSevere() {
        assertThat(QuotaStatus.worst(java.util.List.of(OK, AT_RISK, WARNING))).isEqualTo(AT_RISK);
        assertThat(QuotaStatus.worst(java.util.List.of())).isNull();
        assertThat(OK.compliant()).isTrue();
        assertThat(WARNING.compliant()).isTrue();
        assertThat(AT_RISK.compliant()).isFalse();
        assertThat(EXCEEDED.compliant()).isFalse();
    }
}
