package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.analytics.energy.ReadingWindow;
import io.jieneng.analytics.rollup.TouchedDays.DayRun;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingReader;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Recomputes, from the raw readings and with the raw path's own pure functions ({@link RawMeterEnergy#compute}),
 * every local day that changed readings can alter. The rollup job uses it to rewrite rollups; queries use it for
 * the days whose rollups are not up to date yet.
 *
 * <p>Work is batched: meters that need the same run of days share one scan ({@link ReadingWindow}), in chunks
 * of at most {@value #MAX_RUN_DAYS} days and about {@value #READING_BUDGET} readings, so a large backfill never
 * holds more than one chunk in memory. The first pass recomputes the days the changed readings lie in and, from
 * the readings it fetched anyway, finds how far each change reaches; a second pass recomputes the further days
 * it reaches (after an outage, back to the reading before it).
 */
final class Recomputer {

    static final int MAX_RUN_DAYS = 7;
    static final long READING_BUDGET = 250_000;
    private static final int MAX_METERS_PER_CHUNK = 2000;
    private static final long MIN_MARGIN_MILLIS = 3_600_000;

    /** Receives the recomputed series of a chunk of meters over one grid. */
    interface Chunk {
        /**
         * @param grid   hour or day buckets over whole local days, clipped to the requested range
         * @param series per meter id of the chunk
         */
        void accept(BucketGrid grid, Map<String, MeterSeries> series);

        /** How many meter-days a pass is about to recompute. */
        default void planned(long meterDays) {
        }
    }

    private final Supplier<ReadingReader> store;
    private final ZoneId zone;
    private final Clock clock;

    Recomputer(Supplier<ReadingReader> store, ZoneId zone, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * Recomputes what {@code changes} alter within [lo, hi), in {@code interval} (hour or day) buckets. A change
     * outside the range is treated as a change at its nearest edge, which covers (and may exceed) what it alters
     * inside the range. Changes of meters not in {@code meters} are ignored.
     *
     * @return the meter-days recomputed
     */
    long recompute(Map<String, Meter> meters, Map<String, List<Arrival>> changes, long lo, long hi,
                   Interval interval, Chunk out) {
        Map<String, List<long[]>> ranges = new TreeMap<>();
        Map<String, NavigableSet<LocalDate>> days = new TreeMap<>();
        changes.forEach((meter, arrivals) -> {
            if (!meters.containsKey(meter) || arrivals.isEmpty()) {
                return;
            }
            List<long[]> clamped = new ArrayList<>();
            for (Arrival a : arrivals) {
                clamped.add(new long[]{clamp(a.fromMillis(), lo, hi - 1), clamp(a.toMillis(), lo, hi - 1)});
            }
            List<long[]> merged = TouchedDays.merge(clamped);
            ranges.put(meter, merged);
            NavigableSet<LocalDate> d = new TreeSet<>();
            merged.forEach(r -> TouchedDays.addDays(r[0], r[1], zone, d));
            days.put(meter, d);
        });
        Map<String, NavigableSet<LocalDate>> further = new TreeMap<>();
        long done = pass(meters, days, ranges, further, lo, hi, interval, out);
        return done + pass(meters, further, null, null, lo, hi, interval, out);
    }

    /** Recomputes {@code days}; with {@code ranges}, adds to {@code further} the other days they reach. */
    private long pass(Map<String, Meter> meters, Map<String, NavigableSet<LocalDate>> days,
                      Map<String, List<long[]>> ranges, Map<String, NavigableSet<LocalDate>> further, long lo,
                      long hi, Interval interval, Chunk out) {
        Map<DayRun, List<String>> byRun = new TreeMap<>((a, b) -> a.first().equals(b.first())
                ? a.end().compareTo(b.end()) : a.first().compareTo(b.first()));
        long planned = 0;
        for (Map.Entry<String, NavigableSet<LocalDate>> e : days.entrySet()) {
            for (DayRun run : TouchedDays.runs(e.getValue(), MAX_RUN_DAYS)) {
                byRun.computeIfAbsent(run, k -> new ArrayList<>()).add(e.getKey());
                planned += run.days();
            }
        }
        if (planned == 0) {
            return 0;
        }
        out.planned(planned);
        long done = 0;
        for (Map.Entry<DayRun, List<String>> e : byRun.entrySet()) {
            DayRun run = e.getKey();
            long from = Math.max(run.startMillis(zone), lo);
            long to = Math.min(run.endMillis(zone), hi);
            if (from >= to) {
                continue;
            }
            BucketGrid grid = BucketGrid.of(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), interval, zone);
            for (List<String> chunk : chunks(e.getValue(), meters, run.days())) {
                Map<String, List<Reading>> readings = fetch(chunk, meters, grid);
                Map<String, MeterSeries> series = new LinkedHashMap<>();
                for (String id : chunk) {
                    series.put(id, RawMeterEnergy.compute(meters.get(id), readings.get(id), grid));
                }
                out.accept(grid, series);
                done += chunk.size() * run.days();
                if (ranges != null) {
                    for (String id : chunk) {
                        reach(meters.get(id), readings.get(id), ranges.get(id), grid, days.get(id), lo, hi,
                                further);
                    }
                }
            }
        }
        return done;
    }

    /** Adds to {@code further} the days outside {@code known} that the meter's changes inside the grid reach. */
    private void reach(Meter meter, List<Reading> readings, List<long[]> ranges, BucketGrid grid,
                       Set<LocalDate> known, long lo, long hi, Map<String, NavigableSet<LocalDate>> further) {
        TouchedDays.Neighbours neighbours = new TouchedDays.Neighbours(readings, RawMeterEnergy.registers(meter));
        NavigableSet<LocalDate> reached = new TreeSet<>();
        for (long[] r : ranges) {
            long from = Math.max(r[0], grid.fromMillis());
            long to = Math.min(r[1], grid.toMillis() - 1);
            if (from > to) {
                continue;
            }
            long[] span = neighbours.widen(from, to);
            TouchedDays.addDays(clamp(span[0], lo, hi - 1), clamp(span[1], lo, hi - 1), zone, reached);
        }
        reached.removeAll(known);
        if (!reached.isEmpty()) {
            further.computeIfAbsent(meter.id(), k -> new TreeSet<>()).addAll(reached);
        }
    }

    private Map<String, List<Reading>> fetch(List<String> chunk, Map<String, Meter> meters, BucketGrid grid) {
        Map<String, Set<ReadingField>> registers = new LinkedHashMap<>();
        long margin = MIN_MARGIN_MILLIS;
        for (String id : chunk) {
            Meter m = meters.get(id);
            registers.put(id, RawMeterEnergy.registers(m));
            margin = Math.max(margin, 2_000L * m.intervalSeconds());
        }
        return ReadingWindow.fetch(store.get(), registers, grid.fromMillis(), grid.toMillis(), margin,
                clock.millis());
    }

    /** Splits meters into chunks of at most about {@link #READING_BUDGET} expected readings over {@code days}. */
    private static List<List<String>> chunks(List<String> ids, Map<String, Meter> meters, long days) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long expected = 0;
        for (String id : ids) {
            long mine = days * 86_400L / Math.max(1, meters.get(id).intervalSeconds());
            if (!current.isEmpty() && (expected + mine > READING_BUDGET || current.size() >= MAX_METERS_PER_CHUNK)) {
                out.add(current);
                current = new ArrayList<>();
                expected = 0;
            }
            current.add(id);
            expected += mine;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Groups markers by meter. */
    static Map<String, List<Arrival>> byMeter(List<Arrival> arrivals) {
        Map<String, List<Arrival>> out = new HashMap<>();
        arrivals.forEach(a -> out.computeIfAbsent(a.meterId(), k -> new ArrayList<>()).add(a));
        return out;
    }
}
