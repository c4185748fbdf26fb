package io.jieneng.analytics.quota;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaMathPropertiesTest {

    /** Any day of a year from 1970 to 2100 (1 January and 31 December among the edges). */
    private static LocalDate day(Random r) {
        int year = Gen.intIn(r, 1970, 2100);
        return LocalDate.ofYearDay(year, Gen.intIn(r, 1, LocalDate.of(year, 1, 1).lengthOfYear()));
    }

    private static double amount(Random r) {
        return Gen.doubleIn(r, 0, 1e7);
    }

    @Test
    void theStatusFollowsTheDefinitionOutsideTheTolerance() {
        Property.check(r -> statusFollowsTheDefinition(amount(r), day(r), Gen.doubleIn(r, 0.01, 1e7)));
    }

    /**
     * Nothing used; the whole quota used on the first and the last day; just over it; 90 % and just over, on
     * 31 December; leap days; the smallest and largest quota.
     */
    @ParameterizedTest
    @CsvSource({"0, 1970-01-01, 0.01", "1e7, 2100-12-31, 1e7", "1e7, 2100-01-01, 1e7", "0.01, 2024-02-29, 0.01",
            "100, 2025-12-31, 100", "100.00000001, 2025-12-31, 100", "90, 2025-12-31, 100",
            "90.000001, 2025-12-31, 100", "50, 2024-07-01, 100", "1e7, 1970-01-01, 0.01", "0, 2100-12-31, 1e7"})
    void theStatusFollowsTheDefinitionOutsideTheTolerance_edges(double actual, LocalDate asOf, double quota) {
        statusFollowsTheDefinition(actual, asOf, quota);
    }

    private static void statusFollowsTheDefinition(double actual, LocalDate asOf, double quota) {
        double projected = QuotaMath.linearProjection(actual, QuotaMath.elapsedFraction(asOf));
        QuotaStatus status = QuotaMath.status(actual, projected, quota);
        double slack = 1e-8 * quota;
        if (actual > quota + slack) {
            assertThat(status).isEqualTo(QuotaStatus.EXCEEDED);
        } else if (actual <= quota && projected > quota + slack) {
            assertThat(status).isEqualTo(QuotaStatus.AT_RISK);
        } else if (actual <= quota && projected <= quota && projected > 0.9 * quota + slack) {
            assertThat(status).isEqualTo(QuotaStatus.WARNING);
        } else if (projected <= 0.9 * quota) {
            assertThat(status).isEqualTo(QuotaStatus.OK);
        }
    }

    @Test
    void moreConsumptionNeverImprovesTheStatus() {
        Property.check(r -> moreNeverImproves(amount(r), amount(r), day(r), amount(r)));
    }

    /** A quota of zero, equal amounts, the ends of the range, the first and last day. */
    @ParameterizedTest
    @CsvSource({"0, 0, 1970-01-01, 0", "0, 1e7, 2100-12-31, 0", "0, 1e7, 2100-01-01, 1e7", "5, 5, 2024-02-29, 5",
            "89, 91, 2025-12-31, 100", "99, 101, 2025-12-31, 100", "1, 2, 2025-01-01, 100"})
    void moreConsumptionNeverImprovesTheStatus_edges(double a, double b, LocalDate asOf, double quota) {
        moreNeverImproves(a, b, asOf, quota);
    }

    private static void moreNeverImproves(double a, double b, LocalDate asOf, double quota) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double f = QuotaMath.elapsedFraction(asOf);
        QuotaStatus low = QuotaMath.status(lo, QuotaMath.linearProjection(lo, f), quota);
        QuotaStatus high = QuotaMath.status(hi, QuotaMath.linearProjection(hi, f), quota);
        assertThat(high).isGreaterThanOrEqualTo(low);
    }

    @Test
    void aLargerQuotaNeverWorsensTheStatus() {
        Property.check(r -> largerQuotaNeverWorsens(amount(r), day(r), amount(r), amount(r)));
    }

    @ParameterizedTest
    @CsvSource({"0, 1970-01-01, 0, 0", "1e7, 2100-12-31, 0, 1e7", "100, 2025-12-31, 100, 100.000001",
            "90, 2025-12-31, 100, 99", "0, 2024-02-29, 0, 1e7", "1e7, 2025-01-01, 1e7, 1e7"})
    void aLargerQuotaNeverWorsensTheStatus_edges(double actual, LocalDate asOf, double q1, double q2) {
        largerQuotaNeverWorsens(actual, asOf, q1, q2);
    }

    private static void largerQuotaNeverWorsens(double actual, LocalDate asOf, double q1, double q2) {
        double projected = QuotaMath.linearProjection(actual, QuotaMath.elapsedFraction(asOf));
        assertThat(QuotaMath.status(actual, projected, Math.max(q1, q2)))
                .isLessThanOrEqualTo(QuotaMath.status(actual, projected, Math.min(q1, q2)));
    }

    @Test
    void on31DecemberNothingIsAtRisk() {
        Property.check(r -> nothingAtRiskOn31December(Gen.intIn(r, 1970, 2100), amount(r), amount(r)));
    }

    /** The first and last year, a leap year, no quota, and the amounts at each other's side. */
    @ParameterizedTest
    @CsvSource({"1970, 0, 0", "2100, 1e7, 1e7", "2024, 1e7, 0", "2024, 0, 1e7", "2000, 100, 99.99999999"})
    void on31DecemberNothingIsAtRisk_edges(int year, double actual, double quota) {
        nothingAtRiskOn31December(year, actual, quota);
    }

    private static void nothingAtRiskOn31December(int year, double actual, double quota) {
        double f = QuotaMath.elapsedFraction(LocalDate.of(year, 12, 31));
        assertThat(f).isEqualTo(1.0);
        assertThat(QuotaMath.linearProjection(actual, f)).isEqualTo(actual);
        assertThat(QuotaMath.status(actual, actual, quota)).isNotEqualTo(QuotaStatus.AT_RISK);
    }

    /** Every year of the range, each day of it: there are only 131. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("years")
    void theElapsedFractionGrowsByOneDayAtATimeToExactlyOne(int year) {
        int days = LocalDate.of(year, 1, 1).lengthOfYear();
        double previous = 0;
        for (int d = 1; d <= days; d++) {
            double f = QuotaMath.elapsedFraction(LocalDate.ofYearDay(year, d));
            assertThat(f).isGreaterThan(previous).isEqualTo(d / (double) days);
            previous = f;
        }
        assertThat(previous).isEqualTo(1.0);
    }

    static java.util.stream.IntStream years() {
        return java.util.stream.IntStream.rangeClosed(1970, 2100);
    }

    @Test
    void theLinearProjectionIsNeverBelowTheActualAndScalesWithIt() {
        Property.check(r -> projectionNeverBelowTheActual(Gen.doubleIn(r, 0, 1e9), day(r)));
    }

    @ParameterizedTest
    @CsvSource({"0, 1970-01-01", "1e9, 2100-12-31", "1e9, 2100-01-01", "4.9e-324, 2024-01-01", "1, 2024-02-29",
            "0.1, 2023-12-30"})
    void theLinearProjectionIsNeverBelowTheActualAndScalesWithIt_edges(double actual, LocalDate asOf) {
        projectionNeverBelowTheActual(actual, asOf);
    }

    private static void projectionNeverBelowTheActual(double actual, LocalDate asOf) {
        double f = QuotaMath.elapsedFraction(asOf);
        double projected = QuotaMath.linearProjection(actual, f);
        assertThat(projected).isGreaterThanOrEqualTo(actual);
        assertThat(projected * f).isCloseTo(actual, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, actual)));
    }

    @Test
    void theSeasonalFactorIsAtLeastOneWhenDefined() {
        Property.check(r -> seasonalFactorAtLeastOne(amount(r), amount(r)));
    }

    /** No part (no factor), no rest (a factor of one), the ends, and a part far smaller than the rest. */
    @ParameterizedTest
    @CsvSource({"0, 0", "0, 1e7", "1e7, 0", "1e7, 1e7", "0.01, 1e7", "1e-3, 1e7", "0.1, 0.2"})
    void theSeasonalFactorIsAtLeastOneWhenDefined_edges(double part, double rest) {
        seasonalFactorAtLeastOne(part, rest);
    }

    private static void seasonalFactorAtLeastOne(double part, double rest) {
        Double factor = QuotaMath.seasonalFactor(part + rest, part);
        if (part > 0) {
            assertThat(factor).isNotNull().isGreaterThanOrEqualTo(1.0);
            assertThat(part * factor).isCloseTo(part + rest, org.assertj.core.data.Offset.offset(1e-6 * (part + rest)));
        } else {
            assertThat(factor).isNull();
        }
    }
}
