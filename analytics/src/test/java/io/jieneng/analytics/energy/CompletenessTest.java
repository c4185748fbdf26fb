package io.jieneng.analytics.energy;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static io.jieneng.analytics.energy.BucketGridTest.at;
import static io.jieneng.analytics.energy.BucketGridTest.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CompletenessTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long ALWAYS = Long.MIN_VALUE;
    private static final long NEVER_ENDS = Long.MAX_VALUE;

    private final BucketGrid tenToTwelve =
            BucketGrid.of(at("2026-03-01T10:00+08:00"), at("2026-03-01T12:00+08:00"), Interval.HOUR, SHANGHAI);
    private final double[] received = new double[2];
    private final double[] expected = new double[2];

    @Test
    void fourQuarterHourReadingsCompleteAnHour() {
        Completeness.accumulate(ts("10:00", "10:15", "10:30", "10:45", "11:00", "11:30"), tenToTwelve, ALWAYS,
                NEVER_ENDS, 900, received, expected);

        assertThat(expected).containsExactly(4.0, 4.0);
        assertThat(received).containsExactly(4.0, 2.0);
        assertThat(Completeness.ratio(received[0], expected[0])).isEqualTo(1.0);
        assertThat(Completeness.ratio(received[1], expected[1])).isEqualTo(0.5);
        assertThat(Completeness.ratio(received[0] + received[1], expected[0] + expected[1])).isEqualTo(0.75);
    }

    @Test
    void aDuplicateTimestampCountsOnce() {
        Completeness.accumulate(ts("10:00", "10:00", "10:15", "10:15"), tenToTwelve, ALWAYS, NEVER_ENDS, 900,
                received, expected);

        assertThat(received[0]).isEqualTo(2.0);
    }

    @Test
    void aMeterReportingTooOftenCannotHideASilentOne() {
        long[] everyFiveMinutes = new long[12];
        for (int i = 0; i < 12; i++) {
            everyFiveMinutes[i] = at("2026-03-01T10:00+08:00").toEpochMilli() + i * 300_000L;
        }
        Completeness.accumulate(everyFiveMinutes, tenToTwelve, ALWAYS, NEVER_ENDS, 900, received, expected);
        Completeness.accumulate(new long[0], tenToTwelve, ALWAYS, NEVER_ENDS, 900, received, expected);

        assertThat(Completeness.ratio(received[0], expected[0])).isEqualTo(0.5);
    }

    @Test
    void nothingIsExpectedBeforeCommissioningOrAfterNow() {
        long commissioned = at("2026-03-01T10:30+08:00").toEpochMilli();
        long now = at("2026-03-01T11:20+08:00").toEpochMilli();

        Completeness.accumulate(ts("10:00", "10:15", "10:30", "10:45", "11:00", "11:15"), tenToTwelve, commissioned,
                now, 900, received, expected);

        assertThat(expected[0]).isEqualTo(2.0);
        assertThat(expected[1]).isCloseTo(20.0 / 15.0, within(1e-12));
        // Four readings in the first hour, but only two were expected: capped.
        assertThat(received[0]).isEqualTo(2.0);
        assertThat(received[1]).isCloseTo(20.0 / 15.0, within(1e-12));
        assertThat(Completeness.ratio(received[1], expected[1])).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aFutureBucketHasNoCompleteness() {
        Completeness.accumulate(new long[0], tenToTwelve, ALWAYS, at("2026-03-01T09:00+08:00").toEpochMilli(), 900,
                received, expected);

        assertThat(expected).containsExactly(0.0, 0.0);
        assertThat(Completeness.ratio(received[0], expected[0])).isNull();
    }

    @Test
    void theBerlinFallBackDayExpects100QuarterHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BucketGrid day = BucketGrid.of(local("2025-10-26T00:00", berlin), local("2025-10-27T00:00", berlin),
                Interval.DAY, berlin);
        double[] r = new double[1];
        double[] e = new double[1];

        Completeness.accumulate(new long[0], day, ALWAYS, NEVER_ENDS, 900, r, e);

        assertThat(e[0]).isEqualTo(100.0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Completeness.accumulate(new long[0], tenToTwelve, ALWAYS, NEVER_ENDS, 0, received,
                expected)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Completeness.accumulate(new long[0], tenToTwelve, ALWAYS, NEVER_ENDS, 900,
                new double[1], expected)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] ts(String... localTimes) {
        long[] ts = new long[localTimes.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = at("2026-03-01T" + localTimes[i] + "+08:00").toEpochMilli();
        }
        return ts;
    }
}
