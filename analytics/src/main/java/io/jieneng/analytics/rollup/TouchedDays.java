package io.jieneng.analytics.rollup;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;

/**
 * Which local days a change of readings can alter (docs/ROLLUPS.md, "how rollups follow the data"). Pure
 * functions, no I/O.
 *
 * <p>A reading at t alters the energy spread over (previous reading, t] and (t, next reading] of each register it
 * carries, and the received count of t's own bucket. So readings changed anywhere in [from, to] alter at most the
 * instants from the last reading before {@code from} to the first reading after {@code to}, per register: after
 * an outage that reaches back days.
 */
final class TouchedDays {

    private TouchedDays() {
    }

    /** Consecutive local days: {@code first} up to, not including, {@code end}. */
    record DayRun(LocalDate first, LocalDate end) {

        long days() {
            return end.toEpochDay() - first.toEpochDay();
        }

        long startMillis(ZoneId zone) {
            return first.atStartOfDay(zone).toInstant().toEpochMilli();
        }

        long endMillis(ZoneId zone) {
            return end.atStartOfDay(zone).toInstant().toEpochMilli();
        }
    }

    /** The reading times of one meter, per register, for finding the neighbours of a changed range. */
    static final class Neighbours {
        private final List<long[]> perRegister = new ArrayList<>();

        /**
         * @param readings the meter's readings: for each register, every reading inside the ranges that will be
         *                 widened, plus the last one before and the first one after them, when they exist
         */
        Neighbours(List<Reading> readings, Set<ReadingField> registers) {
            for (ReadingField r : registers) {
                long[] ts = readings.stream().filter(x -> x.get(r) != null).mapToLong(Reading::tsMillis).toArray();
                Arrays.sort(ts);
                perRegister.add(ts);
            }
        }

        /**
         * The span [low, high] of instants whose energy a change of readings within [fromMillis, toMillis] can
         * alter: the earliest of the registers' last readings before fromMillis (or fromMillis itself) to the latest
         * of their first readings after toMillis (or toMillis itself).
         */
        long[] widen(long fromMillis, long toMillis) {
            long low = fromMillis;
            long high = toMillis;
            for (long[] ts : perRegister) {
                int before = lowerIndex(ts, fromMillis);
                if (before >= 0) {
                    low = Math.min(low, ts[before]);
                }
                int after = higherIndex(ts, toMillis);
                if (after < ts.length) {
                    high = Math.max(high, ts[after]);
                }
            }
            return new long[]{low, high};
        }

        /** The index of the last element strictly below {@code t}, or -1. */
        private static int lowerIndex(long[] ts, long t) {
            int i = Arrays.binarySearch(ts, t);
            int insertion = i >= 0 ? firstOf(ts, i) : -i - 1;
            return insertion - 1;
        }

        /** The index of the first element strictly above {@code t}, or ts.length. */
        private static int higherIndex(long[] ts, long t) {
            int i = Arrays.binarySearch(ts, t);
            return i >= 0 ? lastOf(ts, i) + 1 : -i - 1;
        }

        private static int firstOf(long[] ts, int i) {
            while (i > 0 && ts[i - 1] == ts[i]) {
                i--;
            }
            return i;
        }

        private static int lastOf(long[] ts, int i) {
            while (i + 1 < ts.length && ts[i + 1] == ts[i]) {
                i++;
            }
            return i;
        }
    }

    /** The local days that hold an instant of [lowMillis, highMillis], added to {@code out}. */
    static void addDays(long lowMillis, long highMillis, ZoneId zone, NavigableSet<LocalDate> out) {
        LocalDate last = Instant.ofEpochMilli(highMillis).atZone(zone).toLocalDate();
        for (LocalDate d = Instant.ofEpochMilli(lowMillis).atZone(zone).toLocalDate(); !d.isAfter(last);
                d = d.plusDays(1)) {
            out.add(d);
        }
    }

    /** The runs of consecutive days in {@code days}, none longer than {@code maxDays}. */
    static List<DayRun> runs(NavigableSet<LocalDate> days, int maxDays) {
        List<DayRun> out = new ArrayList<>();
        LocalDate first = null;
        LocalDate previous = null;
        for (LocalDate d : days) {
            if (first != null && (!d.equals(previous.plusDays(1)) || d.toEpochDay() - first.toEpochDay() >= maxDays)) {
                out.add(new DayRun(first, previous.plusDays(1)));
                first = null;
            }
            if (first == null) {
                first = d;
            }
            previous = d;
        }
        if (first != null) {
            out.add(new DayRun(first, previous.plusDays(1)));
        }
        return out;
    }

    /**
     * Merges overlapping ranges ({@code {from, to}}, inclusive): widening a merged range alters exactly the union
     * of what widening its parts alters, and costs one look-up instead of many.
     */
    static List<long[]> merge(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : sorted) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new long[]{r[0], r[1]});
            }
        }
        return out;
    }
}
