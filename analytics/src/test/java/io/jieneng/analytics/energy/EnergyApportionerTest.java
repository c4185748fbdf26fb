package io.jieneng.analytics.energy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static io.jieneng.analytics.energy.BucketGridTest.at;
import static io.jieneng.analytics.energy.BucketGridTest.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EnergyApportionerTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long FORTY_FIVE_MINUTES = 45 * 60_000L;

    @Test
    void twentyKwhFrom0950To1010IsSplitEvenlyBetweenTheTwoHours() {
        BucketGrid grid = hours("2026-03-01T09:00+08:00", "2026-03-01T11:00+08:00");

        RegisterEnergy e = apportion(grid, "2026-03-01T09:50+08:00", 100.0, "2026-03-01T10:10+08:00", 120.0);

        assertThat(e.perBucket()).containsExactly(new double[] {10.0, 10.0}, within(1e-12));
        assertThat(e.total()).isCloseTo(20.0, within(1e-12));
        assertThat(e.resets()).isZero();
        assertThat(e.anyEstimated()).isFalse();
    }

    @Test
    void readingsOutsideTheRangeContributeOnlyTheirInRangeShare() {
        BucketGrid grid = hours("2026-03-01T10:00+08:00", "2026-03-01T11:00+08:00");

        RegisterEnergy e = apportion(grid, "2026-03-01T09:50+08:00", 100.0, "2026-03-01T10:10+08:00", 120.0,
                "2026-03-01T10:50+08:00", 160.0, "2026-03-01T11:10+08:00", 200.0);

        // 10 of the first pair, all 40 of the second, 20 of the third.
        assertThat(e.perBucket()).containsExactly(new double[] {70.0}, within(1e-12));
    }

    @Test
    void theFirstReadingIsABaselineAndAddsNoEnergy() {
        BucketGrid grid = hours("2026-03-01T10:00+08:00", "2026-03-01T12:00+08:00");

        assertThat(apportion(grid, "2026-03-01T10:00+08:00", 5000.0).total()).isZero();
        RegisterEnergy e = apportion(grid, "2026-03-01T10:00+08:00", 5000.0, "2026-03-01T11:15+08:00", 5005.0);
        // 5 kWh over 75 minutes: 60/75 in the 10:00 hour, 15/75 in the 11:00 hour.
        assertThat(e.perBucket()).containsExactly(new double[] {4.0, 1.0}, within(1e-12));
    }

    @Test
    void aDecreaseIsAResetAndCountsTheNewValue() {
        BucketGrid grid = hours("2026-03-01T10:00+08:00", "2026-03-01T11:00+08:00");

        RegisterEnergy e = apportion(grid, "2026-03-01T10:00+08:00", 1000.0, "2026-03-01T10:15+08:00", 1005.0,
                "2026-03-01T10:30+08:00", 3.0, "2026-03-01T10:45+08:00", 8.0);

        assertThat(e.perBucket()).containsExactly(new double[] {13.0}, within(1e-12));
        assertThat(e.resets()).isEqualTo(1);
    }

    @Test
    void duplicateTimestampsKeepTheLargestValueWhateverTheOrder() {
        BucketGrid grid = hours("2026-03-01T10:00+08:00", "2026-03-01T12:00+08:00");

        RegisterEnergy smallFirst = apportion(grid, "2026-03-01T10:50+08:00", 100.0, "2026-03-01T11:00+08:00", 104.0,
                "2026-03-01T11:00+08:00", 105.0, "2026-03-01T11:10+08:00", 110.0);
        RegisterEnergy largeFirst = apportion(grid, "2026-03-01T11:10+08:00", 110.0, "2026-03-01T11:00+08:00", 105.0,
                "2026-03-01T10:50+08:00", 100.0, "2026-03-01T11:00+08:00", 104.0);

        assertThat(smallFirst.perBucket()).containsExactly(new double[] {5.0, 5.0}, within(1e-12));
        assertThat(largeFirst).isEqualTo(smallFirst);
        assertThat(smallFirst.resets()).isZero();
    }

    @Test
    void aGapIsSpreadAndEveryBucketItTouchesIsEstimated() {
        BucketGrid grid = hours("2026-03-01T08:00+08:00", "2026-03-01T13:00+08:00");

        RegisterEnergy e = EnergyApportioner.apportion(
                ts("2026-03-01T08:00+08:00", "2026-03-01T12:00+08:00", "2026-03-01T12:15+08:00"),
                new double[] {0.0, 40.0, 41.0}, grid, FORTY_FIVE_MINUTES);

        assertThat(e.perBucket()).containsExactly(new double[] {10.0, 10.0, 10.0, 10.0, 1.0}, within(1e-12));
        assertThat(e.estimated()).containsExactly(true, true, true, true, false);
    }

    @Test
    void aPairExactlyAtTheThresholdIsNotAGap() {
        BucketGrid grid = hours("2026-03-01T08:00+08:00", "2026-03-01T09:00+08:00");

        RegisterEnergy e = EnergyApportioner.apportion(ts("2026-03-01T08:00+08:00", "2026-03-01T08:45+08:00"),
                new double[] {0.0, 3.0}, grid, FORTY_FIVE_MINUTES);

        assertThat(e.estimated()).containsExactly(false);
    }

    @Test
    void energyAcrossLocalMidnightOnNewYearGoesHalfInto2026() {
        BucketGrid days = BucketGrid.of(at("2025-12-31T00:00+08:00"), at("2026-01-02T00:00+08:00"), Interval.DAY,
                SHANGHAI);

        RegisterEnergy e = apportion(days, "2025-12-31T23:50+08:00", 0.0, "2026-01-01T00:10+08:00", 20.0);

        assertThat(e.perBucket()).containsExactly(new double[] {10.0, 10.0}, within(1e-12));
    }

    @Test
    void aConstantLoadOverTheBerlinFallBackDayFillsTwentyFiveEqualHours() {
        Instant dayStart = local("2025-10-26T00:00", BERLIN);
        Instant dayEnd = local("2025-10-27T00:00", BERLIN);
        // 1 kW read every 15 minutes of real time, from 15 minutes before the day to 15 minutes after.
        int readings = (int) ((dayEnd.getEpochSecond() - dayStart.getEpochSecond()) / 900) + 3;
        long[] ts = new long[readings];
        double[] kwh = new double[readings];
        for (int i = 0; i < readings; i++) {
            ts[i] = dayStart.toEpochMilli() + (i - 1) * 900_000L;
            kwh[i] = 0.25 * i;
        }

        RegisterEnergy hourly = EnergyApportioner.apportion(ts, kwh,
                BucketGrid.of(dayStart, dayEnd, Interval.HOUR, BERLIN), FORTY_FIVE_MINUTES);
        RegisterEnergy daily = EnergyApportioner.apportion(ts, kwh,
                BucketGrid.of(local("2025-10-25T00:00", BERLIN), local("2025-10-28T00:00", BERLIN), Interval.DAY,
                        BERLIN), FORTY_FIVE_MINUTES);

        assertThat(hourly.size()).isEqualTo(25);
        for (int i = 0; i < 25; i++) {
            assertThat(hourly.perBucket(i)).isCloseTo(1.0, within(1e-9));
        }
        assertThat(hourly.total()).isCloseTo(25.0, within(1e-9));
        // Only the 26th's readings were given, plus one quarter hour either side.
        assertThat(daily.perBucket()).containsExactly(new double[] {0.25, 25.0, 0.25}, within(1e-9));
    }

    @Test
    void aYearOfQuarterHourReadingsAtTenKilowattsGivesTenKwhInEveryHour() {
        Instant from = at("2025-01-01T00:00+08:00");
        int readings = 365 * 96 + 1;
        long[] ts = new long[readings];
        double[] kwh = new double[readings];
        for (int i = 0; i < readings; i++) {
            ts[i] = from.toEpochMilli() + i * 900_000L;
            kwh[i] = 2.5 * i;
        }
        BucketGrid grid = BucketGrid.of(from, at("2026-01-01T00:00+08:00"), Interval.HOUR, SHANGHAI);

        RegisterEnergy e = EnergyApportioner.apportion(ts, kwh, grid, FORTY_FIVE_MINUTES);

        assertThat(e.size()).isEqualTo(8760);
        for (int i = 0; i < e.size(); i++) {
            assertThat(e.perBucket(i)).isCloseTo(10.0, within(1e-9));
        }
        assertThat(e.total()).isCloseTo(87_600.0, within(1e-6));
    }

    @Test
    void invalidValuesAreRefused() {
        BucketGrid grid = hours("2026-03-01T08:00+08:00", "2026-03-01T09:00+08:00");
        long[] ts = ts("2026-03-01T08:00+08:00", "2026-03-01T08:15+08:00");

        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.5}) {
            assertThatThrownBy(() -> EnergyApportioner.apportion(ts, new double[] {1.0, bad}, grid, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> EnergyApportioner.apportion(ts, new double[] {1.0}, grid, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnergyApportioner.apportion(ts, new double[] {1.0, 2.0}, grid, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BucketGrid hours(String from, String to) {
        return BucketGrid.of(at(from), at(to), Interval.HOUR, SHANGHAI);
    }

    /** Alternating timestamp and value arguments, with a 45-minute gap threshold. */
    private static RegisterEnergy apportion(BucketGrid grid, Object... tsAndValues) {
        int n = tsAndValues.length / 2;
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = at((String) tsAndValues[2 * i]).toEpochMilli();
            values[i] = (Double) tsAndValues[2 * i + 1];
        }
        return EnergyApportioner.apportion(ts, values, grid, FORTY_FIVE_MINUTES);
    }

    private static long[] ts(String... offsetDateTimes) {
        long[] ts = new long[offsetDateTimes.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = at(offsetDateTimes[i]).toEpochMilli();
        }
        return ts;
    }
}
