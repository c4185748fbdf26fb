package io.jieneng.analytics.energy;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static io.jieneng.analytics.energy.BucketGridTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IrradianceIntegratorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // Readings every hour: 1.5 hours is the gap threshold such a meter gets.
    private static final long GAP = 90 * 60_000L;

    @Test
    void aRampFromZeroToOneKilowattOverAnHourIsHalfAKilowattHourPerSquareMetre() {
        BucketGrid grid = grid("2026-06-01T10:00+08:00", "2026-06-01T12:00+08:00", Interval.HOUR);

        IrradianceIntegral h = integrate(grid, "2026-06-01T10:00+08:00", 0.0, "2026-06-01T11:00+08:00", 1000.0,
                "2026-06-01T12:00+08:00", 1000.0);

        assertThat(h.perBucketKwhPerM2()).containsExactly(new double[] {0.5, 1.0}, within(1e-15));
        assertThat(h.totalKwhPerM2()).isCloseTo(1.5, within(1e-15));
        assertThat(h.pairs()).isEqualTo(2);
        assertThat(h.known()).isTrue();
        assertThat(h.anyEstimated()).isFalse();
    }

    @Test
    void aBucketGetsTheIntegralOfTheLineOverItsPartNotAnEvenShare() {
        // 0 → 1000 W/m² between 10:00 and 11:00: 10:00-10:30 averages 250 W/m², 10:30-11:00 averages 750 W/m².
        BucketGrid grid = grid("2026-06-01T10:30+08:00", "2026-06-01T11:00+08:00", Interval.HOUR);

        IrradianceIntegral h = integrate(grid, "2026-06-01T10:00+08:00", 0.0, "2026-06-01T11:00+08:00", 1000.0);

        assertThat(h.totalKwhPerM2()).isCloseTo(0.375, within(1e-15));
        BucketGrid firstHalf = grid("2026-06-01T10:00+08:00", "2026-06-01T10:30+08:00", Interval.HOUR);
        assertThat(integrate(firstHalf, "2026-06-01T10:00+08:00", 0.0, "2026-06-01T11:00+08:00", 1000.0)
                .totalKwhPerM2()).isCloseTo(0.125, within(1e-15));
    }

    @Test
    void pairsStraddlingLocalMidnightAreSplitAtTheLocalDay() {
        BucketGrid grid = grid("2026-06-01T00:00+08:00", "2026-06-03T00:00+08:00", Interval.DAY);

        // 600 W/m² held from 23:00 to 01:00 local: one hour on each side of midnight.
        IrradianceIntegral h = integrate(grid, "2026-06-01T23:00+08:00", 600.0, "2026-06-02T01:00+08:00", 600.0);

        assertThat(h.perBucketKwhPerM2()).containsExactly(new double[] {0.6, 0.6}, within(1e-15));
    }

    @Test
    void noReadingPairInTheRangeMeansUnknownNotZero() {
        BucketGrid grid = grid("2026-06-01T10:00+08:00", "2026-06-01T11:00+08:00", Interval.HOUR);

        assertThat(integrate(grid).known()).isFalse();
        assertThat(integrate(grid, "2026-06-01T10:15+08:00", 500.0).known()).isFalse();
        assertThat(integrate(grid, "2026-06-01T08:00+08:00", 500.0, "2026-06-01T09:00+08:00", 500.0).known())
                .isFalse();
        IrradianceIntegral dark = integrate(grid, "2026-06-01T10:00+08:00", 0.0, "2026-06-01T10:15+08:00", 0.0);
        assertThat(dark.known()).isTrue();
        assertThat(dark.totalKwhPerM2()).isZero();
    }

    @Test
    void aPairWiderThanTheGapThresholdIsIntegratedAndMarkedEstimated() {
        BucketGrid grid = grid("2026-06-01T10:00+08:00", "2026-06-01T13:00+08:00", Interval.HOUR);

        IrradianceIntegral h = integrate(grid, "2026-06-01T10:00+08:00", 200.0, "2026-06-01T10:15+08:00", 200.0,
                "2026-06-01T12:15+08:00", 200.0);

        assertThat(h.perBucketKwhPerM2()).containsExactly(new double[] {0.2, 0.2, 0.05}, within(1e-15));
        assertThat(h.estimated()).containsExactly(true, true, true);
        IrradianceIntegral regular = integrate(grid, "2026-06-01T10:00+08:00", 200.0,
                "2026-06-01T10:15+08:00", 200.0);
        assertThat(regular.estimated()).containsExactly(false, false, false);
    }

    @Test
    void duplicatesKeepTheLargestValueWhateverTheirOrder() {
        BucketGrid grid = grid("2026-06-01T10:00+08:00", "2026-06-01T11:00+08:00", Interval.HOUR);

        IrradianceIntegral h = integrate(grid, "2026-06-01T11:00+08:00", 400.0, "2026-06-01T10:00+08:00", 100.0,
                "2026-06-01T10:00+08:00", 200.0, "2026-06-01T11:00+08:00", 300.0);

        assertThat(h.totalKwhPerM2()).isCloseTo(0.3, within(1e-15));
    }

    @Test
    void refusesNonFiniteValuesAndMismatchedArrays() {
        BucketGrid grid = grid("2026-06-01T10:00+08:00", "2026-06-01T11:00+08:00", Interval.HOUR);

        assertThatThrownBy(() -> IrradianceIntegrator.integrate(new long[] {0, 1}, new double[] {1.0}, grid, GAP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IrradianceIntegrator.integrate(new long[] {0}, new double[] {Double.NaN}, grid,
                GAP)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> IrradianceIntegrator.integrate(new long[0], new double[0], grid, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BucketGrid grid(String from, String to, Interval interval) {
        return BucketGrid.of(at(from), at(to), interval, SHANGHAI);
    }

    private static IrradianceIntegral integrate(BucketGrid grid, Object... tsAndValues) {
        long[] ts = new long[tsAndValues.length / 2];
        double[] g = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = at((String) tsAndValues[2 * i]).toEpochMilli();
            g[i] = (Double) tsAndValues[2 * i + 1];
        }
        return IrradianceIntegrator.integrate(ts, g, grid, GAP);
    }
}
