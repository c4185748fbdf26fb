package io.jieneng.analytics.energy;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grid against a brute-force reference that walks the range minute by minute and starts a bucket wherever the
 * local calendar says so. Ranges are placed around real DST transitions of zones with odd offsets and odd
 * transition times (St John's switched at 00:01 until 2011), since a uniformly random range would almost never
 * meet one.
 */
class BucketGridPropertiesTest {

    private static final long STEP_SECONDS = 60;
    private static final List<String> ZONES = List.of("Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York",
            "Asia/Kathmandu", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham",
            "America/Santiago", "America/Sao_Paulo", "Pacific/Apia", "Asia/Tehran");

    record Range(ZoneId zone, Interval interval, Instant from, Instant to) {
    }

    /** 200 tries: the reference walks the range minute by minute, up to 144,000 minutes per try. */
    @Test
    void bucketsStartExactlyWhereTheLocalCalendarTurns() {
        Property.forAll(200, BucketGridPropertiesTest::range, BucketGridPropertiesTest::startsWhereTheCalendarTurns);
    }

    /**
     * The transitions of zones with odd rules (Apia's skipped day is year % 3 == 0), at the ends of the steps
     * around them, with the shortest and the longest ranges; for all three properties of this class.
     */
    @ParameterizedTest
    @CsvSource({"Pacific/Apia, DAY, 2001, 0, 4319", "Pacific/Apia, HOUR, 2001, -1440, 4319",
            "Pacific/Apia, MONTH, 2001, -4320, 143999", "America/St_Johns, HOUR, 2005, -2, 240",
            "America/St_Johns, DAY, 2006, 0, 0", "America/St_Johns, DAY, 2006, -1, 2880",
            "Australia/Lord_Howe, HOUR, 2020, -60, 240", "Australia/Lord_Howe, DAY, 2021, -4320, 28799",
            "Pacific/Chatham, HOUR, 2024, 4320, 0", "Asia/Tehran, DAY, 2020, -1440, 4000",
            "America/Santiago, DAY, 2022, -1440, 4000", "America/Sao_Paulo, DAY, 2010, -1440, 4000",
            "Asia/Kathmandu, MONTH, 2000, -4320, 143999", "UTC, MONTH, 2030, 4320, 143999",
            "Europe/Berlin, HOUR, 2026, -120, 300", "America/New_York, MONTH, 2015, -4320, 0"})
    void bucketsStartExactlyWhereTheLocalCalendarTurns_edges(String zone, Interval interval, int year, int steps,
                                                              int length) {
        Range r = range(ZoneId.of(zone), interval, year, steps, length);
        startsWhereTheCalendarTurns(r);
        countMatchesTheGrid(r);
        for (double fraction : new double[]{0.0, 0.5, Math.nextDown(1.0), -0.25, 1e300}) {
            indexOfFindsTheBucket(r, fraction);
        }
    }

    private static void startsWhereTheCalendarTurns(Range r) {
        BucketGrid grid = BucketGrid.of(r.from(), r.to(), r.interval(), r.zone());

        List<Instant> expectedStarts = new ArrayList<>();
        expectedStarts.add(r.from());
        // Where the clock has been before the range matters after a fall-back across midnight; a day covers it.
        LocalDateTime latest = local(r.from(), r.zone());
        for (Instant t = r.from().minusSeconds(86_400); t.isBefore(r.from()); t = t.plusSeconds(STEP_SECONDS)) {
            LocalDateTime then = local(t, r.zone());
            latest = then.isAfter(latest) ? then : latest;
        }
        for (Instant t = r.from().plusSeconds(STEP_SECONDS); t.isBefore(r.to()); t = t.plusSeconds(STEP_SECONDS)) {
            LocalDateTime before = local(t.minusSeconds(STEP_SECONDS), r.zone());
            LocalDateTime now = local(t, r.zone());
            if (turns(r.interval(), before, now, latest)) {
                expectedStarts.add(t);
            }
            latest = now.isAfter(latest) ? now : latest;
        }
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            starts.add(grid.start(i));
            if (i > 0) {
                assertThat(grid.startMillis(i)).isEqualTo(grid.endMillis(i - 1));
            }
        }
        assertThat(starts).isEqualTo(expectedStarts);
        assertThat(grid.end(grid.size() - 1)).isEqualTo(r.to());
    }

    @Test
    void countBucketsMatchesTheGrid() {
        Property.forAll(Property.DEFAULT_TRIES, BucketGridPropertiesTest::range,
                BucketGridPropertiesTest::countMatchesTheGrid);
    }

    private static void countMatchesTheGrid(Range r) {
        assertThat(BucketGrid.countBuckets(r.from(), r.to(), r.interval(), r.zone()))
                .isEqualTo(BucketGrid.of(r.from(), r.to(), r.interval(), r.zone()).size());
    }

    @Test
    void indexOfFindsTheBucketHoldingATimestamp() {
        Property.check(r -> indexOfFindsTheBucket(range(r), r.nextBoolean() ? r.nextDouble()
                : Gen.doubleIn(r, -1e6, 1e6)));
    }

    private static void indexOfFindsTheBucket(Range r, double fraction) {
        BucketGrid grid = BucketGrid.of(r.from(), r.to(), r.interval(), r.zone());
        long span = grid.toMillis() - grid.fromMillis();
        long ts = grid.fromMillis() + (long) (Math.abs(fraction % 1.0) * span);

        int i = grid.indexOf(ts);

        assertThat(i).isBetween(0, grid.size() - 1);
        assertThat(grid.startMillis(i)).isLessThanOrEqualTo(ts);
        assertThat(grid.endMillis(i)).isGreaterThan(ts);
    }

    /**
     * An hour starts when the clock reads hh:00 or shows another hour than a minute ago (also backwards: a repeated
     * hour is its own bucket). A day or month starts when the clock first reaches it: a fall-back across midnight
     * does not reopen yesterday.
     */
    private static boolean turns(Interval interval, LocalDateTime before, LocalDateTime now, LocalDateTime latest) {
        return switch (interval) {
            case HOUR -> (now.getMinute() == 0 && now.getSecond() == 0)
                    || !before.truncatedTo(ChronoUnit.HOURS).equals(now.truncatedTo(ChronoUnit.HOURS));
            case DAY -> now.toLocalDate().isAfter(latest.toLocalDate());
            case MONTH -> YearMonth.from(now).isAfter(YearMonth.from(latest));
        };
    }

    private static LocalDateTime local(Instant t, ZoneId zone) {
        return LocalDateTime.ofInstant(t, zone);
    }

    /** A range around a transition of one of the zones, up to 3 days away from it and up to 100 days long. */
    static Range range(Random r) {
        return range(ZoneId.of(Gen.oneOf(r, ZONES)), Gen.oneOf(r, Interval.class), Gen.intIn(r, 2000, 2030),
                Gen.intIn(r, -3 * 1440, 3 * 1440), Gen.intIn(r, 0, 100 * 1440));
    }

    private static Range range(ZoneId zone, Interval interval, int year, int steps, int length) {
        Instant anchor = anchor(zone, year);
        Instant from = anchor.plusSeconds(steps * STEP_SECONDS);
        long lengthSteps = switch (interval) {
            case HOUR -> length % (3 * 1440) + 1;
            case DAY -> length % (20 * 1440) + 1;
            case MONTH -> length + 1;
        };
        return new Range(zone, interval, from, from.plusSeconds(lengthSteps * STEP_SECONDS));
    }

    /** A DST transition of the zone in that year (Apia: its skipped day), or new year in UTC. */
    private static Instant anchor(ZoneId zone, int year) {
        if (zone.getId().equals("Pacific/Apia") && year % 3 == 0) {
            return Instant.parse("2011-12-30T10:00:00Z");
        }
        Instant newYear = LocalDateTime.of(year, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
        ZoneOffsetTransition first = zone.getRules().nextTransition(newYear);
        if (first == null || first.getInstant().isAfter(newYear.plus(366, ChronoUnit.DAYS))) {
            return newYear;
        }
        ZoneOffsetTransition second = zone.getRules().nextTransition(first.getInstant());
        return year % 2 == 0 && second != null ? second.getInstant() : first.getInstant();
    }
}
