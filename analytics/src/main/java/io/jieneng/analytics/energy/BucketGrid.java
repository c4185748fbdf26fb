package io.jieneng.analytics.energy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * The buckets of a range [from, to): the natural calendar buckets of the interval in the zone (local hour, local
 * day, local month), clipped to the range, so the first and last buckets are partial when from or to are not on a
 * boundary. Buckets are contiguous: bucket i is [start(i), end(i)) and end(i) == start(i + 1).
 *
 * <p>The grid has millisecond resolution, like readings: from and to are truncated to the millisecond. Hours in a
 * DST zone may be shorter or longer than 3600 s and days than 86400 s; see {@link CalendarBoundaries}.
 */
public final class BucketGrid {

    /** The most buckets a grid holds; callers should refuse far less (the API allows 10,000). */
    public static final int HARD_LIMIT = 1_000_000;

    /** Up to this many buckets {@link #countBuckets} walks the boundaries and is exact. */
    private static final long EXACT_COUNT_LIMIT = 100_000;

    private final Interval interval;
    private final ZoneId zone;
    /** size() + 1 boundaries in epoch milliseconds, strictly increasing. */
    private final long[] boundsMillis;

    private BucketGrid(Interval interval, ZoneId zone, long[] boundsMillis) {
        this.interval = interval;
        this.zone = zone;
        this.boundsMillis = boundsMillis;
    }

    /**
     * The grid of [from, to) in {@code interval} buckets of {@code zone}.
     *
     * @throws IllegalArgumentException when from is not before to (after truncation to milliseconds) or the grid
     *                                  would exceed {@link #HARD_LIMIT} buckets
     */
    public static BucketGrid of(Instant from, Instant to, Interval interval, ZoneId zone) {
        long count = countBuckets(from, to, interval, zone);
        if (count > HARD_LIMIT) {
            throw new IllegalArgumentException("range " + from + " .. " + to + " has about " + count + " "
                    + interval.jsonName() + " buckets, more than " + HARD_LIMIT);
        }
        Instant start = from.truncatedTo(ChronoUnit.MILLIS);
        Instant end = to.truncatedTo(ChronoUnit.MILLIS);
        // The count is exact for the ranges callers accept; growing only covers the approximate case.
        long[] bounds = new long[(int) count + 1];
        int n = 0;
        bounds[n++] = start.toEpochMilli();
        for (Instant b = CalendarBoundaries.next(start, interval, zone); b.isBefore(end);
                b = CalendarBoundaries.next(b, interval, zone)) {
            if (n + 1 >= bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length + bounds.length / 8 + 2);
            }
            bounds[n++] = b.toEpochMilli();
        }
        bounds[n++] = end.toEpochMilli();
        return new BucketGrid(interval, zone, n == bounds.length ? bounds : Arrays.copyOf(bounds, n));
    }

    /**
     * The number of buckets {@link #of} would make, without allocating them. Exact up to 100,000 buckets; above
     * that an approximation from nominal lengths (3600 s, local calendar days and months), which is only meant for
     * refusing the range.
     *
     * @throws IllegalArgumentException when from is not before to (after truncation to milliseconds)
     */
    public static long countBuckets(Instant from, Instant to, Interval interval, ZoneId zone) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(zone, "zone");
        Instant start = from.truncatedTo(ChronoUnit.MILLIS);
        Instant end = to.truncatedTo(ChronoUnit.MILLIS);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        long nominal = switch (interval) {
            case HOUR -> ChronoUnit.HOURS.between(start, end);
            case DAY -> ChronoUnit.DAYS.between(start.atZone(zone).toLocalDate(), end.atZone(zone).toLocalDate());
            case MONTH -> ChronoUnit.MONTHS.between(YearMonth.from(start.atZone(zone)),
                    YearMonth.from(end.atZone(zone)));
        } + 1;
        if (nominal > EXACT_COUNT_LIMIT) {
            return nominal;
        }
        long count = 1;
        for (Instant b = CalendarBoundaries.next(start, interval, zone); b.isBefore(end);
                b = CalendarBoundaries.next(b, interval, zone)) {
            count++;
        }
        return count;
    }

    public int size() {
        return boundsMillis.length - 1;
    }

    public Instant start(int i) {
        return Instant.ofEpochMilli(startMillis(i));
    }

    public Instant end(int i) {
        return Instant.ofEpochMilli(endMillis(i));
    }

    public long startMillis(int i) {
        return boundsMillis[checkIndex(i)];
    }

    public long endMillis(int i) {
        return boundsMillis[checkIndex(i) + 1];
    }

    public Instant from() {
        return Instant.ofEpochMilli(boundsMillis[0]);
    }

    public Instant to() {
        return Instant.ofEpochMilli(boundsMillis[boundsMillis.length - 1]);
    }

    public long fromMillis() {
        return boundsMillis[0];
    }

    public long toMillis() {
        return boundsMillis[boundsMillis.length - 1];
    }

    public ZoneId zone() {
        return zone;
    }

    public Interval interval() {
        return interval;
    }

    /** The bucket that holds {@code tsMillis} (start inclusive, end exclusive), or -1 outside [from, to). */
    public int indexOf(long tsMillis) {
        if (tsMillis < boundsMillis[0] || tsMillis >= boundsMillis[boundsMillis.length - 1]) {
            return -1;
        }
        int found = Arrays.binarySearch(boundsMillis, tsMillis);
        return found >= 0 ? found : -found - 2;
    }

    private int checkIndex(int i) {
        return Objects.checkIndex(i, boundsMillis.length - 1);
    }

    @Override
    public String toString() {
        return "BucketGrid[" + interval.jsonName() + " " + zone + " " + from() + " .. " + to() + ", " + size()
                + " buckets]";
    }
}
