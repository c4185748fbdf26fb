package io.jieneng.store.influxdb;

import io.jieneng.devices.registry.Registry;
import io.jieneng.store.Arrival;
import io.jieneng.store.MeterChunks;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.RollupRow;
import io.jieneng.store.RollupSchema;
import io.jieneng.store.RollupStore;
import io.jieneng.store.RollupSum;
import io.jieneng.store.RollupTable;
import io.jieneng.store.StoreException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.QueryResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.jieneng.store.influxdb.InfluxQl.quote;

/**
 * Rollups and markers in InfluxDB through the v1 API. Rollup points carry the registry tags for Grafana, so the
 * same meter and time can exist in two series after the meter's tags changed; the reader keeps the row computed
 * last. A write is visible to queries once it returned, so there is nothing to wait for.
 */
final class InfluxDbRollups implements RollupStore {


    private static final int METERS_PER_QUERY = InfluxDbReader.METERS_PER_QUERY;
    private static final int POINTS_PER_WRITE = 10_000;
    // Above this many meters one grouped sum over every meter, filtered here, is cheaper than OR chains.
    private static final int SUM_ALL_METERS_ABOVE = 1000;
    private static final String ROW_FIELDS;
    private static final String SUM_FIELDS;

    static {
        List<String> sums = new ArrayList<>();
        RollupSchema.VALUE_COLUMNS.forEach(c -> sums.add("sum(" + quote(c) + ")"));
        sums.add("sum(" + quote(RollupSchema.READINGS) + ")");
        SUM_FIELDS = String.join(", ", sums);

        List<String> names = new ArrayList<>();
        RollupSchema.VALUE_COLUMNS.forEach(c -> names.add(quote(c)));
        names.add(quote(RollupSchema.READINGS));
        names.add(quote(RollupSchema.ESTIMATED));
        names.add(quote(RollupSchema.COMPUTED_AT));
        ROW_FIELDS = String.join(", ", names);
    }

    private final Influx influx;
    private final Supplier<Registry> registry;
    private final InfluxMarkers markers = new InfluxMarkers(InfluxMarkers.newWriterId("rebuild-"));

    /** @param registry the current registry, for the tags of rollup points */
    InfluxDbRollups(Influx influx, Supplier<Registry> registry) {
        this.influx = influx;
        this.registry = registry;
    }

    @Override
    public String stateKey() {
        return "influxdb:" + influx.database;
    }

    @Override
    public void write(List<RollupRow> hourly, List<RollupRow> daily) {
        Registry snapshot = registry.get();
        write(RollupTable.HOURLY, hourly, snapshot);
        write(RollupTable.DAILY, daily, snapshot);
    }

    private void write(RollupTable table, List<RollupRow> rows, Registry snapshot) {
        for (int i = 0; i < rows.size(); i += POINTS_PER_WRITE) {
            BatchPoints.Builder batch = BatchPoints.database(influx.database).precision(TimeUnit.MILLISECONDS);
            for (RollupRow r : rows.subList(i, Math.min(rows.size(), i + POINTS_PER_WRITE))) {
                Point.Builder p = Point.measurement(table.storedName()).time(r.startMillis(), TimeUnit.MILLISECONDS)
                        .tag(InfluxTags.of(r.meter(), snapshot));
                for (String c : RollupSchema.VALUE_COLUMNS) {
                    Double v = r.values().get(c);
                    if (v != null) {
                        p.addField(c, v.doubleValue());
                    }
                }
                p.addField(RollupSchema.READINGS, (long) r.readings())
                        .addField(RollupSchema.ESTIMATED, r.estimated())
                        .addField(RollupSchema.COMPUTED_AT, r.computedAtMillis());
                batch.point(p.build());
            }
            try {
                influx.write(batch.build());
            } catch (RuntimeException e) {
                throw new StoreException("InfluxDB refused rollup rows: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<RollupRow> rows(RollupTable table, Collection<String> meters, long fromMillis, long toMillis) {
        // Keyed by meter and start: of two series' rows for the same bucket, the one computed last wins.
        Map<String, RollupRow> latest = new LinkedHashMap<>();
        for (List<String> chunk : MeterChunks.of(meters, METERS_PER_QUERY)) {
            InfluxQl q = new InfluxQl("SELECT " + ROW_FIELDS + " FROM " + quote(table.storedName()) + " WHERE ")
                    .meters(chunk).text(" AND time >= ").time(fromMillis).text(" AND time < ").time(toMillis)
                    .text(" GROUP BY " + quote(ReadingSchema.METER));
            for (QueryResult.Series s : influx.run(q)) {
                String meter = s.getTags().get(ReadingSchema.METER);
                for (List<Object> values : s.getValues()) {
                    RollupRow row = row(meter, values);
                    latest.merge(meter + '@' + row.startMillis(), row,
                            (a, b) -> b.computedAtMillis() > a.computedAtMillis() ? b : a);
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    @Override
    public List<RollupSum> dailySums(Collection<String> meters, long fromMillis, long toMillis) {
        // GROUP BY every tag: one sum per series, so a meter whose tags changed shows up twice and is not summed
        // over both its old and its new rows of the same day.
        List<InfluxQl> queries = new ArrayList<>();
        Set<String> wanted = meters == null ? null : new HashSet<>(meters);
        if (meters == null || meters.size() > SUM_ALL_METERS_ABOVE) {
            queries.add(sumsOver(fromMillis, toMillis).text(" GROUP BY *"));
        } else {
            for (List<String> chunk : MeterChunks.of(meters, METERS_PER_QUERY)) {
                queries.add(sumsOver(fromMillis, toMillis).text(" AND ").meters(chunk).text(" GROUP BY *"));
            }
        }
        Map<String, RollupSum> sums = new LinkedHashMap<>();
        Set<String> split = new HashSet<>();
        for (InfluxQl q : queries) {
            for (QueryResult.Series s : influx.run(q)) {
                String meter = s.getTags().get(ReadingSchema.METER);
                if (meter == null || (wanted != null && !wanted.contains(meter)) || s.getValues().isEmpty()) {
                    continue;
                }
                if (sums.putIfAbsent(meter, sum(meter, s.getValues().get(0))) != null) {
                    split.add(meter);
                }
            }
        }
        if (!split.isEmpty()) {
            Map<String, Map<String, Double>> values = new HashMap<>();
            Map<String, Long> readings = new HashMap<>();
            for (RollupRow r : rows(RollupTable.DAILY, split, fromMillis, toMillis)) {
                Map<String, Double> v = values.computeIfAbsent(r.meter(), k -> new HashMap<>());
                r.values().forEach((c, x) -> v.merge(c, x, Double::sum));
                readings.merge(r.meter(), (long) r.readings(), Long::sum);
            }
            split.forEach(m -> sums.put(m, new RollupSum(m, values.getOrDefault(m, Map.of()),
                    readings.getOrDefault(m, 0L))));
        }
        return new ArrayList<>(sums.values());
    }

    private static InfluxQl sumsOver(long fromMillis, long toMillis) {
        return new InfluxQl("SELECT " + SUM_FIELDS + " FROM " + quote(RollupTable.DAILY.storedName())
                + " WHERE time >= ").time(fromMillis).text(" AND time < ").time(toMillis);
    }

    // Columns: time, then the value columns, then readings (and for rows estimated, computedAt).
    private static RollupSum sum(String meter, List<Object> row) {
        return new RollupSum(meter, values(row), number(row.get(1 + RollupSchema.VALUE_COLUMNS.size())).longValue());
    }

    private static RollupRow row(String meter, List<Object> row) {
        int column = 1 + RollupSchema.VALUE_COLUMNS.size();
        return new RollupRow(meter, ((Number) row.get(0)).longValue(), values(row),
                number(row.get(column)).intValue(), Boolean.TRUE.equals(row.get(column + 1)),
                number(row.get(column + 2)).longValue());
    }

    /** The value columns after the time; a field the meter never had is null. */
    private static Map<String, Double> values(List<Object> row) {
        Map<String, Double> v = new HashMap<>();
        for (int i = 0; i < RollupSchema.VALUE_COLUMNS.size(); i++) {
            Object o = row.get(1 + i);
            if (o != null) {
                v.put(RollupSchema.VALUE_COLUMNS.get(i), ((Number) o).doubleValue());
            }
        }
        return v;
    }

    private static Number number(Object o) {
        return o == null ? 0 : (Number) o;
    }

    @Override
    public List<Arrival> markers(long afterMillis, long untilMillis, Collection<String> meters) {
        // meter is a field, not a tag (one series per writer), so the meters are picked out here.
        Set<String> wanted = meters == null ? null : new HashSet<>(meters);
        InfluxQl q = new InfluxQl("SELECT " + quote(ReadingSchema.METER) + ", " + quote(ReadingSchema.FROM_TS)
                + ", " + quote(ReadingSchema.TO_TS) + " FROM " + quote(ReadingSchema.ARRIVALS) + " WHERE time > ")
                .time(afterMillis);
        if (untilMillis != Long.MAX_VALUE) {
            q.text(" AND time <= ").time(untilMillis);
        }
        List<Arrival> out = new ArrayList<>();
        for (QueryResult.Series s : influx.run(q)) {
            for (List<Object> row : s.getValues()) {
                String meter = (String) row.get(1);
                if (meter != null && (wanted == null || wanted.contains(meter))) {
                    out.add(new Arrival(meter, ((Number) row.get(2)).longValue(), ((Number) row.get(3)).longValue()));
                }
            }
        }
        return out;
    }

    @Override
    public long markerTime(long afterMillis, long untilMillis, int rank) {
        // Without GROUP BY the writers' series are merged in time order; times come back in whole milliseconds.
        // The offset is an int of ours, formatted: InfluxQL takes only literals after OFFSET.
        InfluxQl q = new InfluxQl("SELECT " + quote(ReadingSchema.TO_TS) + " FROM " + quote(ReadingSchema.ARRIVALS)
                + " WHERE time > ").time(afterMillis).text(" AND time <= ").time(untilMillis)
                .text(" ORDER BY time ASC LIMIT 1 OFFSET " + (rank - 1));
        for (QueryResult.Series s : influx.run(q)) {
            for (List<Object> row : s.getValues()) {
                return ((Number) row.get(0)).longValue();
            }
        }
        return -1;
    }

    @Override
    public long countMarkersAfter(long afterMillis) {
        InfluxQl q = new InfluxQl("SELECT count(" + quote(ReadingSchema.TO_TS) + ") FROM "
                + quote(ReadingSchema.ARRIVALS) + " WHERE time > ").time(afterMillis);
        long count = 0;
        for (QueryResult.Series s : influx.run(q)) {
            for (List<Object> row : s.getValues()) {
                count += ((Number) row.get(1)).longValue();
            }
        }
        return count;
    }

    @Override
    public void writeMarkers(List<Arrival> arrivals, long markerMillis) {
        try {
            influx.writeBounded(markers.points(influx.database, arrivals, markerMillis));
        } catch (RuntimeException e) {
            throw new StoreException("InfluxDB refused arrival markers: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Arrival> storedRanges() {
        Map<String, long[]> ranges = new HashMap<>();
        // One selector per query: with a single first() or last(), InfluxDB returns the time of the point that
        // holds the value.
        for (String fn : List.of("first", "last")) {
            for (String field : ReadingSchema.FIELDS) {
                InfluxQl q = new InfluxQl("SELECT " + fn + "(" + quote(field) + ") FROM "
                        + quote(ReadingSchema.MEASUREMENT) + " GROUP BY " + quote(ReadingSchema.METER));
                for (QueryResult.Series s : influx.run(q)) {
                    long[] range = ranges.computeIfAbsent(s.getTags().get(ReadingSchema.METER),
                            k -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
                    for (List<Object> row : s.getValues()) {
                        long t = ((Number) row.get(0)).longValue();
                        range[0] = Math.min(range[0], t);
                        range[1] = Math.max(range[1], t);
                    }
                }
            }
        }
        List<Arrival> out = new ArrayList<>();
        ranges.forEach((meter, r) -> out.add(new Arrival(meter, r[0], r[1])));
        return out;
    }

    @Override
    public void deleteMarkersBefore(long beforeMillis) {
        influx.run(new InfluxQl("DELETE FROM " + quote(ReadingSchema.ARRIVALS) + " WHERE time < ").time(beforeMillis));
    }

    @Override
    public void awaitIngested(Duration timeout) {
        // An InfluxDB write is queryable once /write returned, and the acknowledgement waited for that.
    }

    @Override
    public void awaitRollups(Duration timeout) {
        // As above: write() returned only after InfluxDB took the points.
    }
}
