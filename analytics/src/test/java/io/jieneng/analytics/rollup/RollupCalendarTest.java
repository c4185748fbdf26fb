package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static io.jieneng.analytics.rollup.TouchedDaysTest.t;
import static org.assertj.core.api.Assertions.assertThat;

class RollupCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void hourGridsOnLocalHoursAreServedFromHourlyRows() {
        assertThat(RollupCalendar.servable(grid("2026-03-10T05:00+08:00", "2026-03-10T09:00+08:00", Interval.HOUR,
                SHANGHAI))).isTrue();
        assertThat(RollupCalendar.servable(grid("2026-03-10T05:30+08:00", "2026-03-10T09:00+08:00", Interval.HOUR,
                SHANGHAI))).isFalse();
        // Kathmandu is UTC+05:45: its local hours start at :15 UTC.
        assertThat(RollupCalendar.servable(grid("2026-03-10T05:00+05:45", "2026-03-10T07:00+05:45", Interval.HOUR,
                KATHMANDU))).isTrue();
        assertThat(RollupCalendar.servable(grid("2026-03-10T05:00Z", "2026-03-10T07:00Z", Interval.HOUR,
                KATHMANDU))).isFalse();
    }

    @Test
    void dayAndMonthGridsNeedLocalMidnightsOnly() {
        assertThat(RollupCalendar.servable(grid("2026-03-10T00:00+08:00", "2026-03-12T00:00+08:00", Interval.DAY,
                SHANGHAI))).isTrue();
        assertThat(RollupCalendar.servable(grid("2026-03-10T00:00+08:00", "2026-03-12T01:00+08:00", Interval.DAY,
                SHANGHAI))).isFalse();
        // Partial months made of whole days still add up from daily rows.
        assertThat(RollupCalendar.servable(grid("2026-01-15T00:00+08:00", "2026-03-12T00:00+08:00", Interval.MONTH,
                SHANGHAI))).isTrue();
    }

    @Test
    void theBaseOfAMonthGridIsItsDays() {
        BucketGrid months = grid("2026-03-29T00:00+01:00", "2026-04-02T00:00+02:00", Interval.MONTH, BERLIN);
        BucketGrid base = RollupCalendar.base(months);
        assertThat(base.interval()).isEqualTo(Interval.DAY);
        assertThat(base.size()).isEqualTo(4);
        assertThat(base.fromMillis()).isEqualTo(months.fromMillis());
        BucketGrid hours = grid("2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", Interval.HOUR, BERLIN);
        assertThat(RollupCalendar.base(hours)).isSameAs(hours);
        assertThat(hours.size()).as("spring forward: a 23-hour day").isEqualTo(23);
    }

    private static BucketGrid grid(String from, String to, Interval interval, ZoneId zone) {
        return BucketGrid.of(Instant.ofEpochMilli(t(from)), Instant.ofEpochMilli(t(to)), interval, zone);
    }
}
