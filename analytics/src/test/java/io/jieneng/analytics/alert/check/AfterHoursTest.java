package io.jieneng.analytics.alert.check;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.devices.calendar.CalendarFile;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AfterHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar CN = WorkingCalendar.standard(SHANGHAI,
            CalendarFile.load(Optional.empty(), WorkingCalendar.MONDAY_TO_FRIDAY));

    @Test
    void aWeekOfHandMadeLoadGivesTheExpectedMeans() {
        // Mon 2026-03-02 .. Sun 2026-03-08: 5 working days of 9 h. Load: 20 kW from 08:00 to 18:00 on weekdays,
        // 5 kW otherwise. The 08:00 and 17:00 hours are half working time.
        BucketGrid grid = week("2026-03-02T00:00+08:00");
        double[] kwh = new double[grid.size()];
        for (int i = 0; i < kwh.length; i++) {
            var t = grid.start(i).atZone(SHANGHAI);
            boolean weekday = t.getDayOfWeek().getValue() <= 5;
            kwh[i] = weekday && t.getHour() >= 8 && t.getHour() < 18 ? 20 : 5;
        }
        AfterHours a = AfterHours.of(kwh, grid, CN);
        assertThat(a.workingHours()).isEqualTo(45.0);
        assertThat(a.afterHoursHours()).isEqualTo(168 - 45.0);
        assertThat(a.meanWorkingKw()).isCloseTo(20.0, within(1e-9));
        // After hours: per weekday 1 h at 20 kW (08:00-08:30 and 17:30-18:00) + 14 h at 5 kW; weekend 48 h at 5 kW.
        double afterKwh = 5 * (1 * 20 + 14 * 5) + 48 * 5;
        assertThat(a.afterHoursKwh()).isCloseTo(afterKwh, within(1e-9));
        assertThat(a.ratio()).isCloseTo(afterKwh / 123 / 20, within(1e-12));
    }

    @Test
    void aWeekInsideTheSpringFestivalHasNoWorkingTimeAndNoRatio() {
        BucketGrid grid = BucketGrid.of(at("2026-02-16T00:00+08:00"), at("2026-02-23T00:00+08:00"), Interval.HOUR,
                SHANGHAI);
        double[] kwh = new double[grid.size()];
        Arrays.fill(kwh, 3.0);
        AfterHours a = AfterHours.of(kwh, grid, CN);
        assertThat(a.workingHours()).isZero();
        assertThat(a.ratio()).isNaN();
    }

    /** 200 tries: each builds a week's hourly grid and asks the working calendar about every hour of it. */
    @Test
    void steadyPowerGivesARatioOfOne() {
        Property.check(200, r -> steadyPowerRatioIsOne(Gen.doubleIn(r, 0.1, 1000), Gen.intIn(r, 0, 60)));
    }

    /**
     * The smallest and largest loads; the first and the last week; weeks in and around the 2026 Spring Festival
     * (no working time, so no ratio, then weeks with a working weekend day).
     */
    @ParameterizedTest
    @CsvSource({"0.1, 0", "1000, 60", "0.1, 60", "1000, 0", "0.30000000000000004, 42", "999.9999999999999, 35",
            "7, 39", "7, 27"})
    void steadyPowerGivesARatioOfOne_edges(double kw, int startDay) {
        steadyPowerRatioIsOne(kw, startDay);
    }

    private static void steadyPowerRatioIsOne(double kw, int startDay) {
        BucketGrid grid = week(OffsetDateTime.parse("2026-01-05T00:00+08:00").plusDays(startDay).toString());
        double[] kwh = new double[grid.size()];
        Arrays.fill(kwh, kw);
        AfterHours a = AfterHours.of(kwh, grid, CN);
        if (a.workingHours() > 0) {
            assertThat(a.ratio()).isCloseTo(1.0, within(1e-9));
        }
        assertThat(a.workingKwh() + a.afterHoursKwh()).isCloseTo(kw * grid.size(), within(1e-6));
    }

    private static BucketGrid week(String start) {
        Instant from = at(start);
        return BucketGrid.of(from, from.plusSeconds(7 * 86_400), Interval.HOUR, SHANGHAI);
    }

    private static Instant at(String t) {
        return OffsetDateTime.parse(t).toInstant();
    }
}
