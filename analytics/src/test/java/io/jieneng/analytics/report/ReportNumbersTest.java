package io.jieneng.analytics.report;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReportNumbersTest {

    @Test
    void displayRoundsHalfUpOnTheDecimalTheJsonShowsAndGroupsThousands() {
        assertThat(ReportNumbers.display(502.0794, 2)).isEqualTo("502.08");
        assertThat(ReportNumbers.display(1997.905, 2)).isEqualTo("1,997.91");
        // 0.125 and 2.675 are not exact in binary; rounding follows the shortest decimal the json writes.
        assertThat(ReportNumbers.display(0.125, 2)).isEqualTo("0.13");
        assertThat(ReportNumbers.display(2.675, 2)).isEqualTo("2.68");
        assertThat(ReportNumbers.display(1234567.0, 0)).isEqualTo("1,234,567");
        assertThat(ReportNumbers.display(-168.0, 2)).isEqualTo("-168.00");
        assertThat(ReportNumbers.displayPercent(0.98352, 2)).isEqualTo("98.35%");
        assertThat(ReportNumbers.displayPercent(0.3, 0)).isEqualTo("30%");
    }

    @Test
    void plainWritesTheExactValueWithoutExponent() {
        assertThat(ReportNumbers.plain(12345000.0)).isEqualTo("12345000");
        assertThat(ReportNumbers.plain(1.2345e-7)).isEqualTo("0.00000012345");
        assertThat(ReportNumbers.plain(502.07939999999996)).isEqualTo("502.07939999999996");
        assertThat(ReportNumbers.plain(0.1)).isEqualTo("0.1");
    }

    @Test
    void plainReadsBackAsTheSameDouble() {
        Property.check(r -> readsBack(r.nextBoolean() ? Gen.doubleIn(r, -1e12, 1e12)
                : (r.nextBoolean() ? -1 : 1) * Gen.doubleIn(r, 0, 1e12)));
    }

    /** Zero of both signs, the ends, the smallest doubles, and values whose shortest form has an exponent. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, 1e12, -1e12, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-3,
            9.999999999999999e-4, 1e7, -1e7, 1.2345e-7, 502.07939999999996, 0.1, 999999999999.9999})
    void plainReadsBackAsTheSameDouble_edges(double v) {
        readsBack(v);
    }

    private static void readsBack(double v) {
        assertThat(Double.parseDouble(ReportNumbers.plain(v)) == v).as(ReportNumbers.plain(v)).isTrue();
    }
}
