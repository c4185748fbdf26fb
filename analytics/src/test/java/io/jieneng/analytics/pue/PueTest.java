package io.jieneng.analytics.pue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PueTest {

    @Test
    void pueIsTotalOverIt() {
        assertThat(Pue.of(100.0, 135.0)).isEqualTo(1.35);
        assertThat(Pue.of(0.0, 50.0)).isNull();
        assertThat(Pue.of(0.0, 0.0)).isNull();
        assertThatThrownBy(() -> Pue.of(-1.0, 5.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gradeBoundariesBelongToTheBetterGrade() {
        assertThat(Pue.grade(Pue.of(100.0, 120.0))).isEqualTo(Pue.Grade.ONE);
        assertThat(Pue.grade(1.2000000001)).isEqualTo(Pue.Grade.TWO);
        assertThat(Pue.grade(Pue.of(100.0, 130.0))).isEqualTo(Pue.Grade.TWO);
        assertThat(Pue.grade(1.31)).isEqualTo(Pue.Grade.THREE);
        assertThat(Pue.grade(Pue.of(100.0, 150.0))).isEqualTo(Pue.Grade.THREE);
        assertThat(Pue.grade(1.5000001)).isEqualTo(Pue.Grade.BELOW_LIMIT);
        assertThat(Pue.grade(0.9)).as("a PUE below 1 means a metering fault, but grades as measured")
                .isEqualTo(Pue.Grade.ONE);
        assertThat(Pue.grade(null)).isNull();
    }

    @Test
    void gradesAreNumbersAndBelowLimitIsAString() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(Pue.Grade.ONE)).isEqualTo("1");
        assertThat(json.writeValueAsString(Pue.Grade.THREE)).isEqualTo("3");
        assertThat(json.writeValueAsString(Pue.Grade.BELOW_LIMIT)).isEqualTo("\"below-limit\"");
    }

    @Test
    void aWorsePueNeverGetsABetterGrade() {
        Property.check(r -> worseNeverGradesBetter(Gen.doubleIn(r, 1.0, 3.0), Gen.doubleIn(r, 1.0, 3.0)));
    }

    /** The ends of the range, and either side of each grade's boundary. */
    @ParameterizedTest
    @CsvSource({"1.0, 1.0", "3.0, 3.0", "1.0, 3.0", "1.2, 1.2000000000000002", "1.3, 1.3000000000000003",
            "1.5, 1.5000000000000002", "1.2, 1.3", "1.3, 1.5", "1.1999999999999997, 1.2"})
    void aWorsePueNeverGetsABetterGrade_edges(double a, double b) {
        worseNeverGradesBetter(a, b);
        worseNeverGradesBetter(b, a);
    }

    private static void worseNeverGradesBetter(double a, double b) {
        double better = Math.min(a, b);
        double worse = Math.max(a, b);
        assertThat(Pue.grade(worse).ordinal()).isGreaterThanOrEqualTo(Pue.grade(better).ordinal());
        assertThat(worse <= Pue.grade(worse).maxPue()).isTrue();
    }
}
