package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSum;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.store.Arrival;
import io.jieneng.store.RollupStore;
import io.jieneng.store.RollupSum;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Range-wide sums of many meters from the daily rollups, exact like {@link RollupMeterEnergy} (docs/ROLLUPS.md,
 * point 3), but summed in the store: after the watermark W, one grouped sum over every meter; then the markers
 * newer than W. A meter with such markers has the days they can alter recomputed from the raw readings, and its
 * sum is rebuilt from those days plus grouped sums over the days between them, which no pending marker touches.
 * Its first grouped sum is dropped rather than corrected, because the job may rewrite the touched days' rows
 * between two reads, and subtracting a row other than the one summed would be wrong. The sums are kept in a
 * {@link SumCache}: a later read of the same range re-sums only the meters named by markers written since.
 */
final class RollupSums {

    /** Above this many meters the markers of every meter are read and filtered here. */
    private static final int ALL_MARKERS_ABOVE = 1000;

    private RollupSums() {
    }

    /**
     * @param grid a grid from one local midnight to another in the recomputer's zone
     */
    static Map<String, MeterSum> read(RollupStore store, long watermarkMillis, Recomputer recomputer,
                                      Map<String, Meter> meters, BucketGrid grid, SumCache cache) {
        long lo = grid.fromMillis();
        long hi = grid.toMillis();
        SumCache.Entry cached = cache.get(lo, hi);
        Map<String, RollupSum> sums;
        long markersRead = cache.now();
        if (cached == null) {
            sums = exact(store, watermarkMillis, recomputer, meters, lo, hi);
        } else {
            // Every meter a marker newer than the entry names is summed again, and so is every meter not in it.
            Set<String> changed = new HashSet<>();
            store.markers(cached.reflectsMillis(), Long.MAX_VALUE, null).forEach(a -> changed.add(a.meterId()));
            sums = new HashMap<>(cached.sums());
            sums.keySet().removeAll(changed);
            Map<String, Meter> again = new LinkedHashMap<>();
            meters.forEach((id, m) -> {
                if (!sums.containsKey(id)) {
                    again.put(id, m);
                }
            });
            if (!again.isEmpty()) {
                sums.putAll(exact(store, watermarkMillis, recomputer, again, lo, hi));
            }
        }
        cache.put(lo, hi, sums, markersRead);
        Map<String, MeterSum> out = new LinkedHashMap<>();
        meters.forEach((id, m) -> out.put(id, toSum(m, sums.get(id))));
        return out;
    }

    /** The sums of {@code meters} from a grouped sum, corrected for the pending markers; one per meter. */
    private static Map<String, RollupSum> exact(RollupStore store, long watermarkMillis, Recomputer recomputer,
                                                Map<String, Meter> meters, long lo, long hi) {
        Map<String, RollupSum> summed = new HashMap<>();
        store.dailySums(meters.keySet(), lo, hi).forEach(s -> {
            if (meters.containsKey(s.meter())) {
                summed.put(s.meter(), s);
            }
        });
        List<Arrival> pending = store.markers(watermarkMillis, Long.MAX_VALUE,
                meters.size() > ALL_MARKERS_ABOVE ? null : meters.keySet()).stream()
                .filter(a -> meters.containsKey(a.meterId())).toList();
        if (!pending.isEmpty()) {
            correct(store, recomputer, meters, Recomputer.byMeter(pending), lo, hi, summed);
        }
        meters.keySet().forEach(id -> summed.putIfAbsent(id, new RollupSum(id, Map.of(), 0)));
        return summed;
    }

    /** Replaces the sums of the meters with pending markers by recomputed days plus sums over the other days. */
    private static void correct(RollupStore store, Recomputer recomputer, Map<String, Meter> meters,
                                Map<String, List<Arrival>> changes, long lo, long hi, Map<String, RollupSum> summed) {
        // Per meter, the recomputed days by start: [start, end) and their values.
        Map<String, TreeMap<Long, RollupSum>> days = new HashMap<>();
        Map<String, Long> dayEnds = new HashMap<>();
        recomputer.recompute(meters, changes, lo, hi, Interval.DAY, (g, series) -> series.forEach((id, s) -> {
            TreeMap<Long, RollupSum> mine = days.computeIfAbsent(id, k -> new TreeMap<>());
            for (int j = 0; j < g.size(); j++) {
                mine.put(g.startMillis(j), new RollupSum(id, RollupRows.values(s, j), s.received()[j]));
                dayEnds.put(id + '@' + g.startMillis(j), g.endMillis(j));
            }
        }));
        // Meters with the same recomputed days share the grouped sums over the days between them.
        Map<List<long[]>, List<String>> byGaps = new TreeMap<>(RollupSums::compareRanges);
        for (String id : changes.keySet()) {
            if (!meters.containsKey(id)) {
                continue;
            }
            List<long[]> recomputed = new ArrayList<>();
            days.getOrDefault(id, new TreeMap<>()).keySet()
                    .forEach(start -> recomputed.add(new long[]{start, dayEnds.get(id + '@' + start)}));
            byGaps.computeIfAbsent(gaps(recomputed, lo, hi), k -> new ArrayList<>()).add(id);
        }
        byGaps.forEach((gaps, ids) -> {
            Set<String> group = new HashSet<>(ids);
            Map<String, RollupSum> total = new HashMap<>();
            ids.forEach(id -> total.put(id, new RollupSum(id, Map.of(), 0)));
            for (long[] gap : gaps) {
                for (RollupSum s : store.dailySums(group, gap[0], gap[1])) {
                    total.computeIfPresent(s.meter(), (k, t) -> plus(t, s));
                }
            }
            for (String id : ids) {
                RollupSum t = total.get(id);
                for (RollupSum day : days.getOrDefault(id, new TreeMap<>()).values()) {
                    t = plus(t, day);
                }
                summed.put(id, t);
            }
        });
    }

    /** The parts of [lo, hi) outside the given sorted, disjoint ranges. */
    static List<long[]> gaps(List<long[]> ranges, long lo, long hi) {
        List<long[]> out = new ArrayList<>();
        long at = lo;
        for (long[] r : ranges) {
            if (r[0] > at) {
                out.add(new long[]{at, r[0]});
            }
            at = Math.max(at, r[1]);
        }
        if (at < hi) {
            out.add(new long[]{at, hi});
        }
        return out;
    }

    private static int compareRanges(List<long[]> a, List<long[]> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i)[0], b.get(i)[0]);
            if (c == 0) {
                c = Long.compare(a.get(i)[1], b.get(i)[1]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static RollupSum plus(RollupSum a, RollupSum b) {
        Map<String, Double> values = new HashMap<>(a.values());
        b.values().forEach((c, v) -> values.merge(c, v, Double::sum));
        return new RollupSum(a.meter(), values, a.readings() + b.readings());
    }

    /** Every register the meter has, 0 where the store held nothing. */
    private static MeterSum toSum(Meter meter, RollupSum sum) {
        Map<ReadingField, Double> energy = new EnumMap<>(ReadingField.class);
        for (ReadingField register : RawMeterEnergy.registers(meter)) {
            Double v = sum == null ? null : sum.values().get(register.jsonName());
            energy.put(register, v == null ? 0.0 : v);
        }
        return new MeterSum(meter, energy, sum == null ? 0 : sum.readings());
    }
}
