package io.jieneng.analytics.quota;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaMathPropertiesTest {

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers().between(1970, 2100).flatMap(y -> Arbitraries.integers()
                .between(1, LocalDate.of(y, 1, 1).lengthOfYear()).map(d -> LocalDate.ofYearDay(y, d)));
    }

    @Property(tries = 1000)
    void theStatusFollowsTheDefinitionOutsideTheTolerance(
            @ForAll @DoubleRange(min = 0, max = 1e7) double actual, @ForAll("days") LocalDate asOf,
            @ForAll @DoubleRange(min = 0.01, max = 1e7) double quota) {
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

    @Property(tries = 1000)
    void moreConsumptionNeverImprovesTheStatus(@ForAll @DoubleRange(min = 0, max = 1e7) double a,
                                               @ForAll @DoubleRange(min = 0, max = 1e7) double b,
                                               @ForAll("days") LocalDate asOf,
                                               @ForAll @DoubleRange(min = 0, max = 1e7) double quota) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double f = QuotaMath.elapsedFraction(asOf);
        QuotaStatus low = QuotaMath.status(lo, QuotaMath.linearProjection(lo, f), quota);
        QuotaStatus high = QuotaMath.status(hi, QuotaMath.linearProjection(hi, f), quota);
        assertThat(high).isGreaterThanOrEqualTo(low);
    }

    @Property(tries = 1000)
    void aLargerQuotaNeverWorsensTheStatus(@ForAll @DoubleRange(min = 0, max = 1e7) double actual,
                                           @ForAll("days") LocalDate asOf,
                                           @ForAll @DoubleRange(min = 0, max = 1e7) double q1,
                                           @ForAll @DoubleRange(min = 0, max = 1e7) double q2) {
        double projected = QuotaMath.linearProjection(actual, QuotaMath.elapsedFraction(asOf));
        assertThat(QuotaMath.status(actual, projected, Math.max(q1, q2)))
                .isLessThanOrEqualTo(QuotaMath.status(actual, projected, Math.min(q1, q2)));
    }

    @Property(tries = 300)
    void on31DecemberNothingIsAtRisk(@ForAll @IntRange(min = 1970, max = 2100) int year,
                                     @ForAll @DoubleRange(min = 0, max = 1e7) double actual,
                                     @ForAll @DoubleRange(min = 0, max = 1e7) double quota) {
        double f = QuotaMath.elapsedFraction(LocalDate.of(year, 12, 31));
        assertThat(f).isEqualTo(1.0);
        assertThat(QuotaMath.linearProjection(actual, f)).isEqualTo(actual);
        assertThat(QuotaMath.status(actual, actual, quota)).isNotEqualTo(QuotaStatus.AT_RISK);
    }

    @Property(tries = 300)
    void theElapsedFractionGrowsByOneDayAtATimeToExactlyOne(@ForAll @IntRange(min = 1970, max = 2100) int year) {
        int days = LocalDate.of(year, 1, 1).lengthOfYear();
        double previous = 0;
        for (int d = 1; d <= days; d++) {
            double f = QuotaMath.elapsedFraction(LocalDate.ofYearDay(year, d));
            assertThat(f).isGreaterThan(previous).isEqualTo(d / (double) days);
            previous = f;
        }
        assertThat(previous).isEqualTo(1.0);
    }

    @Property(tries = 1000)
    void theLinearProjectionIsNeverBelowTheActualAndScalesWithIt(
            @ForAll @DoubleRange(min = 0, max = 1e9) double actual, @ForAll("days") LocalDate asOf) {
        double f = QuotaMath.elapsedFraction(asOf);
        double projected = QuotaMath.linearProjection(actual, f);
        assertThat(projected).isGreaterThanOrEqualTo(actual);
        assertThat(projected * f).isCloseTo(actual, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, actual)));
    }

    @Property(tries = 1000)
    void theSeasonalFactorIsAtLeastOneWhenDefined(@ForAll @DoubleRange(min = 0, max = 1e7) double part,
                                                  @ForAll @DoubleRange(min = 0, max = 1e7) double rest) {
        Double factor = QuotaMath.seasonalFactor(part + rest, part);
        if (part > 0) {
            assertThat(factor).isNotNull().isGreaterThanOrEqualTo(1.0);
            assertThat(part * factor).isCloseTo(part + rest, org.assertj.core.data.Offset.offset(1e-6 * (part + rest)));
        } else {
            assertThat(factor).isNull();
        }
    }
}
