package io.jieneng.analytics.energy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

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

    @Property(tries = 200)
    void bucketsStartExactlyWhereTheLocalCalendarTurns(@ForAll("ranges") Range r) {
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

    @Property(tries = 300)
    void countBucketsMatchesTheGrid(@ForAll("ranges") Range r) {
        assertThat(BucketGrid.countBuckets(r.from(), r.to(), r.interval(), r.zone()))
                .isEqualTo(BucketGrid.of(r.from(), r.to(), r.interval(), r.zone()).size());
    }

    @Property(tries = 300)
    void indexOfFindsTheBucketHoldingATimestamp(@ForAll("ranges") Range r, @ForAll double fraction) {
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

    @Provide
    Arbitrary<Range> ranges() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
        Arbitrary<Interval> intervals = Arbitraries.of(Interval.class);
        Arbitrary<Integer> years = Arbitraries.integers().between(2000, 2030);
        Arbitrary<Integer> stepsAroundTransition = Arbitraries.integers().between(-3 * 1440, 3 * 1440);
        return Combinators.combine(zones, intervals, years, stepsAroundTransition, lengths())
                .as((zone, interval, year, steps, length) -> {
                    Instant anchor = anchor(zone, year);
                    Instant from = anchor.plusSeconds(steps * STEP_SECONDS);
                    long lengthSteps = switch (interval) {
                        case HOUR -> length % (3 * 1440) + 1;
                        case DAY -> length % (20 * 1440) + 1;
                        case MONTH -> length + 1;
                    };
                    return new Range(zone, interval, from, from.plusSeconds(lengthSteps * STEP_SECONDS));
                });
    }

    /** Up to 100 days of minutes. */
    private static Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(0, 100 * 1440);
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
