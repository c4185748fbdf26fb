package io.jieneng.analytics.rollup;

import io.jieneng.store.Arrival;
import io.jieneng.store.RollupRow;
import io.jieneng.store.RollupStore;
import io.jieneng.store.RollupSum;
import io.jieneng.store.RollupTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rollups and markers in memory, for unit tests of the rollup logic (the real stores have their own ITs). */
final class MemoryRollupStore implements RollupStore {

    private record Marker(long tsMillis, Arrival arrival) {
    }

    private final MemoryReadingStore readings;
    private final Map<String, RollupRow> hourly = new TreeMap<>();
    private final Map<String, RollupRow> daily = new TreeMap<>();
    private final List<Marker> markers = new ArrayList<>();
    long rowsWritten;

    MemoryRollupStore(MemoryReadingStore readings) {
        this.readings = readings;
    }

    Map<String, RollupRow> hourlyRows() {
        return hourly;
    }

    Map<String, RollupRow> dailyRows() {
        return daily;
    }

    @Override
    public void write(List<RollupRow> hourlyRows, List<RollupRow> dailyRows) {
        hourlyRows.forEach(r -> hourly.put(r.meter() + "@" + r.startMillis(), r));
        dailyRows.forEach(r -> daily.put(r.meter() + "@" + r.startMillis(), r));
        rowsWritten += hourlyRows.size() + dailyRows.size();
    }

    @Override
    public List<RollupRow> rows(RollupTable table, Collection<String> meters, long fromMillis, long toMillis) {
        return select(table == RollupTable.HOURLY ? hourly : daily, meters, fromMillis, toMillis);
    }

    private static List<RollupRow> select(Map<String, RollupRow> rows, Collection<String> meters, long from,
                                          long to) {
        return rows.values().stream().filter(r -> meters.contains(r.meter()) && r.startMillis() >= from
                && r.startMillis() < to).toList();
    }

    @Override
    public List<RollupSum> dailySums(Collection<String> meters, long fromMillis, long toMillis) {
        Map<String, Map<String, Double>> values = new TreeMap<>();
        Map<String, Long> readings = new TreeMap<>();
        for (RollupRow r : daily.values()) {
            if ((meters == null || meters.contains(r.meter())) && r.startMillis() >= fromMillis
                    && r.startMillis() < toMillis) {
                Map<String, Double> v = values.computeIfAbsent(r.meter(), k -> new TreeMap<>());
                r.values().forEach((c, x) -> v.merge(c, x, Double::sum));
                readings.merge(r.meter(), (long) r.readings(), Long::sum);
            }
        }
        List<RollupSum> out = new ArrayList<>();
        values.forEach((m, v) -> out.add(new RollupSum(m, v, readings.get(m))));
        return out;
    }

    @Override
    public List<Arrival> markers(long afterMillis, long untilMillis, Collection<String> meters) {
        return markers.stream().filter(m -> m.tsMillis() > afterMillis && m.tsMillis() <= untilMillis
                && (meters == null || meters.contains(m.arrival().meterId()))).map(Marker::arrival).toList();
    }

    @Override
    public long markerTime(long afterMillis, long untilMillis, int rank) {
        List<Long> times = markers.stream().map(Marker::tsMillis).filter(t -> t > afterMillis && t <= untilMillis)
                .sorted().toList();
        return times.size() >= rank ? times.get(rank - 1) : -1;
    }

    @Override
    public long countMarkersAfter(long afterMillis) {
        return markers.stream().filter(m -> m.tsMillis() > afterMillis).count();
    }

    @Override
    public void writeMarkers(List<Arrival> arrivals, long markerMillis) {
        arrivals.forEach(a -> markers.add(new Marker(markerMillis, a)));
    }

    @Override
    public List<Arrival> storedRanges() {
        return readings.ranges();
    }

    @Override
    public void deleteMarkersBefore(long beforeMillis) {
        markers.removeIf(m -> m.tsMillis() < beforeMillis);
    }

    @Override
    public void awaitIngested(Duration timeout) {
    }

    @Override
    public void awaitRollups(Duration timeout) {
    }

    @Override
    public String stateKey() {
        return "memory";
    }
}
