package io.jieneng.analytics.energy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BucketGridTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void hourBucketsAreClippedToAnUnalignedRange() {
        BucketGrid grid = BucketGrid.of(at("2026-03-01T09:30+08:00"), at("2026-03-01T12:20+08:00"),
                Interval.HOUR, SHANGHAI);

        assertThat(grid.size()).isEqualTo(4);
        assertThat(starts(grid)).containsExactly(at("2026-03-01T09:30+08:00"), at("2026-03-01T10:00+08:00"),
                at("2026-03-01T11:00+08:00"), at("2026-03-01T12:00+08:00"));
        assertThat(grid.end(3)).isEqualTo(at("2026-03-01T12:20+08:00"));
        assertThat(grid.from()).isEqualTo(at("2026-03-01T09:30+08:00"));
        assertThat(grid.to()).isEqualTo(at("2026-03-01T12:20+08:00"));
    }

    @Test
    void aReadingJustAfterLocalMidnightOnNewYearBelongsToTheNewYear() {
        // 2026-01-01T00:10+08:00 is 2025-12-31T16:10Z: still 2025 in UTC.
        long ts = at("2026-01-01T00:10+08:00").toEpochMilli();
        BucketGrid days = BucketGrid.of(at("2025-12-31T00:00+08:00"), at("2026-01-02T00:00+08:00"), Interval.DAY,
                SHANGHAI);
        BucketGrid months = BucketGrid.of(at("2025-12-01T00:00+08:00"), at("2026-02-01T00:00+08:00"),
                Interval.MONTH, SHANGHAI);

        assertThat(days.indexOf(ts)).isEqualTo(1);
        assertThat(days.start(1)).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
        assertThat(months.indexOf(ts)).isEqualTo(1);
        assertThat(months.start(1).atZone(SHANGHAI).getYear()).isEqualTo(2026);
        assertThat(months.start(1)).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
    }

    @Test
    void monthBucketsStartAtLocalMidnightOfTheFirst() {
        BucketGrid grid = BucketGrid.of(at("2025-11-15T08:00+08:00"), at("2026-03-01T00:00+08:00"), Interval.MONTH,
                SHANGHAI);

        assertThat(starts(grid)).containsExactly(at("2025-11-15T08:00+08:00"), Instant.parse("2025-11-30T16:00:00Z"),
                Instant.parse("2025-12-31T16:00:00Z"), Instant.parse("2026-01-31T16:00:00Z"));
        assertThat(Duration.between(grid.start(3), grid.end(3))).isEqualTo(Duration.ofDays(28));
    }

    @Test
    void berlinSpringForwardDayHas23HourBuckets() {
        BucketGrid grid = BucketGrid.of(local("2025-03-30T00:00", BERLIN), local("2025-03-31T00:00", BERLIN),
                Interval.HOUR, BERLIN);

        assertThat(grid.size()).isEqualTo(23);
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.endMillis(i) - grid.startMillis(i)).isEqualTo(3_600_000L);
        }
        // 01:00 CET is followed by 03:00 CEST: local hour 02 does not exist.
        assertThat(grid.start(2)).isEqualTo(at("2025-03-30T03:00+02:00"));
    }

    @Test
    void berlinFallBackDayHas25HourBucketsWithLocalHour2Twice() {
        BucketGrid grid = BucketGrid.of(local("2025-10-26T00:00", BERLIN), local("2025-10-27T00:00", BERLIN),
                Interval.HOUR, BERLIN);

        assertThat(grid.size()).isEqualTo(25);
        assertThat(grid.start(2)).isEqualTo(at("2025-10-26T02:00+02:00"));
        assertThat(grid.start(3)).isEqualTo(at("2025-10-26T02:00+01:00"));
        assertThat(grid.start(4)).isEqualTo(at("2025-10-26T03:00+01:00"));
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.endMillis(i) - grid.startMillis(i)).isEqualTo(3_600_000L);
        }
    }

    @Test
    void berlinDayBucketsAre23And25HoursLongOnDstDays() {
        BucketGrid spring = BucketGrid.of(local("2025-03-29T00:00", BERLIN), local("2025-04-01T00:00", BERLIN),
                Interval.DAY, BERLIN);
        BucketGrid autumn = BucketGrid.of(local("2025-10-25T00:00", BERLIN), local("2025-10-28T00:00", BERLIN),
                Interval.DAY, BERLIN);

        assertThat(hours(spring)).containsExactly(24L, 23L, 24L);
        assertThat(hours(autumn)).containsExactly(24L, 25L, 24L);
        assertThat(autumn.start(1)).isEqualTo(at("2025-10-26T00:00+02:00"));
        assertThat(autumn.start(2)).isEqualTo(at("2025-10-27T00:00+01:00"));
    }

    @Test
    void hourBucketsFollowLocalHoursInAQuarterHourOffsetZone() {
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        BucketGrid grid = BucketGrid.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T03:00:00Z"),
                Interval.HOUR, kathmandu);

        // UTC 00:00 is 05:45 local, so local hours start at UTC hh:15.
        assertThat(starts(grid)).containsExactly(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:15:00Z"), Instant.parse("2026-01-01T01:15:00Z"),
                Instant.parse("2026-01-01T02:15:00Z"));
    }

    @Test
    void halfHourDstShiftsGiveHalfAndOneAndAHalfHourBuckets() {
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        // 2025-10-05 02:00 +10:30 jumps to 02:30 +11:00: local hour 02 lasts 30 minutes.
        BucketGrid spring = BucketGrid.of(local("2025-10-05T00:00", lordHowe), local("2025-10-06T00:00", lordHowe),
                Interval.HOUR, lordHowe);
        // 2025-04-06 02:00 +11:00 falls back to 01:30 +10:30: local hour 01 lasts 90 minutes.
        BucketGrid autumn = BucketGrid.of(local("2025-04-06T00:00", lordHowe), local("2025-04-07T00:00", lordHowe),
                Interval.HOUR, lordHowe);

        assertThat(spring.size()).isEqualTo(24);
        assertThat(spring.start(2)).isEqualTo(at("2025-10-05T02:30+11:00"));
        assertThat(minutes(spring, 2)).isEqualTo(30);
        assertThat(minutes(spring, 1)).isEqualTo(60);
        assertThat(autumn.size()).isEqualTo(24);
        assertThat(autumn.start(1)).isEqualTo(at("2025-04-06T01:00+11:00"));
        assertThat(autumn.start(2)).isEqualTo(at("2025-04-06T02:00+10:30"));
        assertThat(minutes(autumn, 1)).isEqualTo(90);
    }

    @Test
    void aSkippedDayHasNoBucket() {
        ZoneId apia = ZoneId.of("Pacific/Apia");
        // Samoa crossed the date line: 2011-12-29 24:00 -10:00 was followed by 2011-12-31 00:00 +14:00.
        BucketGrid grid = BucketGrid.of(local("2011-12-29T00:00", apia), local("2012-01-01T00:00", apia),
                Interval.DAY, apia);

        assertThat(starts(grid)).containsExactly(at("2011-12-29T00:00-10:00"), at("2011-12-31T00:00+14:00"));
        assertThat(hours(grid)).containsExactly(24L, 24L);
    }

    @Test
    void aFallBackIntoThePreviousHourStartsANewBucket() {
        ZoneId chatham = ZoneId.of("Pacific/Chatham");
        // 2025-04-06 03:45 +13:45 falls back to 02:45 +12:45: the clock leaves hour 03 for hour 02.
        BucketGrid grid = BucketGrid.of(at("2025-04-06T03:00+13:45"), at("2025-04-06T04:00+12:45"),
                Interval.HOUR, chatham);

        assertThat(starts(grid)).containsExactly(at("2025-04-06T03:00+13:45"), at("2025-04-06T02:45+12:45"),
                at("2025-04-06T03:00+12:45"));
    }

    @Test
    void indexOfIsStartInclusiveEndExclusive() {
        BucketGrid grid = BucketGrid.of(at("2026-03-01T09:30+08:00"), at("2026-03-01T12:00+08:00"),
                Interval.HOUR, SHANGHAI);

        assertThat(grid.indexOf(at("2026-03-01T09:29:59.999+08:00").toEpochMilli())).isEqualTo(-1);
        assertThat(grid.indexOf(at("2026-03-01T09:30+08:00").toEpochMilli())).isEqualTo(0);
        assertThat(grid.indexOf(at("2026-03-01T09:59:59.999+08:00").toEpochMilli())).isEqualTo(0);
        assertThat(grid.indexOf(at("2026-03-01T10:00+08:00").toEpochMilli())).isEqualTo(1);
        assertThat(grid.indexOf(at("2026-03-01T11:59:59.999+08:00").toEpochMilli())).isEqualTo(2);
        assertThat(grid.indexOf(at("2026-03-01T12:00+08:00").toEpochMilli())).isEqualTo(-1);
    }

    @Test
    void emptyOrReversedRangesAreRefused() {
        Instant t = at("2026-03-01T09:30+08:00");
        assertThatThrownBy(() -> BucketGrid.of(t, t, Interval.HOUR, SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BucketGrid.of(t.plusSeconds(1), t, Interval.DAY, SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class);
        // Equal after truncation to milliseconds.
        assertThatThrownBy(() -> BucketGrid.of(t, t.plusNanos(999_999), Interval.HOUR, SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countBucketsIsExactForAcceptedRangesAndCheapForHugeOnes() {
        assertThat(BucketGrid.countBuckets(local("2025-10-26T00:00", BERLIN), local("2025-10-27T00:00", BERLIN),
                Interval.HOUR, BERLIN)).isEqualTo(25);
        assertThat(BucketGrid.countBuckets(at("2025-01-01T00:00+08:00"), at("2026-01-01T00:00+08:00"),
                Interval.HOUR, SHANGHAI)).isEqualTo(8760);
        assertThat(BucketGrid.countBuckets(at("2025-01-01T00:00+08:00"), at("2026-01-01T00:00+08:00"),
                Interval.DAY, SHANGHAI)).isEqualTo(365);
        assertThat(BucketGrid.countBuckets(at("2025-01-15T00:00+08:00"), at("2026-01-01T00:00+08:00"),
                Interval.MONTH, SHANGHAI)).isEqualTo(12);
        // A millennium of hours is refused from the count alone.
        assertThat(BucketGrid.countBuckets(Instant.parse("1500-01-01T00:00:00Z"), Instant.parse("2500-01-01T00:00:00Z"),
                Interval.HOUR, SHANGHAI)).isGreaterThan(10_000);
        assertThatThrownBy(() -> BucketGrid.of(Instant.parse("1500-01-01T00:00:00Z"),
                Instant.parse("2500-01-01T00:00:00Z"), Interval.HOUR, SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intervalParsesTheApiNames() {
        assertThat(Interval.parse("hour")).contains(Interval.HOUR);
        assertThat(Interval.parse("DAY")).contains(Interval.DAY);
        assertThat(Interval.parse("month")).contains(Interval.MONTH);
        assertThat(Interval.parse("week")).isEmpty();
        assertThat(Interval.parse(null)).isEmpty();
        assertThat(Interval.MONTH.jsonName()).isEqualTo("month");
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static Instant local(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    private static List<Instant> starts(BucketGrid grid) {
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            starts.add(grid.start(i));
        }
        return starts;
    }

    private static List<Long> hours(BucketGrid grid) {
        List<Long> hours = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            hours.add(Duration.between(grid.start(i), grid.end(i)).toHours());
        }
        return hours;
    }

    private static long minutes(BucketGrid grid, int i) {
        return Duration.between(grid.start(i), grid.end(i)).toMinutes();
    }
}
