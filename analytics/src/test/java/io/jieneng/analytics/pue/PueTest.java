package io.jieneng.analytics.pue;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

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

    @Property(tries = 300)
    void aWorsePueNeverGetsABetterGrade(@ForAll @DoubleRange(min = 1.0, max = 3.0) double a,
                                        @ForAll @DoubleRange(min = 1.0, max = 3.0) double b) {
        double better = Math.min(a, b);
        double worse = Math.max(a, b);
        assertThat(Pue.grade(worse).ordinal()).isGreaterThanOrEqualTo(Pue.grade(better).ordinal());
        assertThat(worse <= Pue.grade(worse).maxPue()).isTrue();
    }
}
