package io.jieneng.analytics.rollup;

import io.jieneng.analytics.store.StoreException;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.sink.Arrival;
import io.jieneng.ingest.sink.InfluxConnections;
import io.jieneng.ingest.sink.InfluxMarkers;
import io.jieneng.ingest.sink.ReadingSchema;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Rollups and markers in InfluxDB through the v1 API. Rollup points carry the registry tags for Grafana, so the
 * same meter and time can exist in two series after the meter's tags changed; the reader keeps the row computed
 * last. A write is visible to queries once it returned, so there is nothing to wait for.
 */
public final class InfluxDbRollupStore implements RollupStore {

    // InfluxQL has no IN operator; OR-chains of this many meters keep each query well under URL limits.
    private static final int METERS_PER_QUERY = 100;
    private static final int POINTS_PER_WRITE = 10_000;
    private static final Duration MARKER_CALL_TIMEOUT = Duration.ofSeconds(10);
    // Above this many meters one grouped sum over every meter, filtered here, is cheaper than OR chains.
    private static final int SUM_ALL_METERS_ABOVE = 1000;
    private static final String ROW_FIELDS;
    private static final String SUM_FIELDS;

    static {
        List<String> sums = new ArrayList<>();
        RollupSchema.VALUE_COLUMNS.forEach(c -> sums.add("sum(" + quoteIdentifier(c) + ")"));
        sums.add("sum(" + quoteIdentifier(RollupSchema.READINGS) + ")");
        SUM_FIELDS = String.join(", ", sums);

        List<String> names = new ArrayList<>();
        RollupSchema.VALUE_COLUMNS.forEach(c -> names.add(quoteIdentifier(c)));
        names.add(quoteIdentifier(RollupSchema.READINGS));
        names.add(quoteIdentifier(RollupSchema.ESTIMATED));
        names.add(quoteIdentifier(RollupSchema.COMPUTED_AT));
        ROW_FIELDS = String.join(", ", names);
    }

    private final InfluxDB influx;
    private final InfluxDB markerWriter;
    private final String database;
    private final Supplier<Registry> registry;
    private final InfluxMarkers markers = new InfluxMarkers(InfluxMarkers.newWriterId("rebuild-"));
    private volatile boolean databaseReady;

    /** @param registry the current registry, for the tags of rollup points */
    public InfluxDbRollupStore(String url, String database, String user, String password,
                               Supplier<Registry> registry) {
        this.influx = InfluxConnections.connect(url, user, password);
        this.markerWriter = InfluxConnections.connectBounded(url, user, password, MARKER_CALL_TIMEOUT);
        this.database = database;
        this.registry = registry;
    }

    @Override
    public String stateKey() {
        return "influxdb:" + database;
    }

    @Override
    public void write(List<RollupRow> hourly, List<RollupRow> daily) {
        ensureDatabase();
        Registry snapshot = registry.get();
        write(RollupSchema.HOURLY, hourly, snapshot);
        write(RollupSchema.DAILY, daily, snapshot);
    }

    private void write(String measurement, List<RollupRow> rows, Registry snapshot) {
        for (int i = 0; i < rows.size(); i += POINTS_PER_WRITE) {
            BatchPoints.Builder batch = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS);
            for (RollupRow r : rows.subList(i, Math.min(rows.size(), i + POINTS_PER_WRITE))) {
                Point.Builder p = Point.measurement(measurement).time(r.startMillis(), TimeUnit.MILLISECONDS)
                        .tag(ReadingSchema.METER, r.meter());
                snapshot.meter(r.meter()).ifPresent(m -> tags(p, snapshot, m));
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

    private static void tags(Point.Builder p, Registry snapshot, Meter m) {
        putTag(p, ReadingSchema.TAG_INSTITUTION, m.institution());
        putTag(p, ReadingSchema.TAG_REGION, Optional.ofNullable(m.institution()).flatMap(snapshot::institution)
                .map(i -> i.region()).orElse(null));
        putTag(p, ReadingSchema.TAG_TYPE, m.type() == null ? null : m.type().json());
        putTag(p, ReadingSchema.TAG_ROLE, m.role() == null ? null : m.role().json());
        putTag(p, ReadingSchema.TAG_SUBITEM, m.subitem() == null ? null : m.subitem().code());
    }

    private static void putTag(Point.Builder p, String name, String value) {
        if (value != null && !value.isEmpty()) {
            p.tag(name, value);
        }
    }

    @Override
    public List<RollupRow> hourly(Collection<String> meters, long fromMillis, long toMillis) {
        return rows(RollupSchema.HOURLY, meters, fromMillis, toMillis);
    }

    @Override
    public List<RollupRow> daily(Collection<String> meters, long fromMillis, long toMillis) {
        return rows(RollupSchema.DAILY, meters, fromMillis, toMillis);
    }

    private List<RollupRow> rows(String measurement, Collection<String> meters, long fromMillis, long toMillis) {
        // Keyed by meter and start: of two series' rows for the same bucket, the one computed last wins.
        Map<String, RollupRow> latest = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(meters);
        for (int i = 0; i < all.size(); i += METERS_PER_QUERY) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + METERS_PER_QUERY));
            String q = "SELECT " + ROW_FIELDS + " FROM " + quoteIdentifier(measurement) + " WHERE "
                    + meterFilter(chunk) + " AND time >= " + fromMillis + "ms AND time < " + toMillis + "ms GROUP BY "
                    + quoteIdentifier(ReadingSchema.METER);
            for (QueryResult.Series s : run(q)) {
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
        String base = "SELECT " + SUM_FIELDS + " FROM " + quoteIdentifier(RollupSchema.DAILY) + " WHERE time >= "
                + fromMillis + "ms AND time < " + toMillis + "ms";
        // GROUP BY every tag: one sum per series, so a meter whose tags changed shows up twice and is not summed
        // over both its old and its new rows of the same day.
        List<String> queries = new ArrayList<>();
        Set<String> wanted = meters == null ? null : new HashSet<>(meters);
        if (meters == null || meters.size() > SUM_ALL_METERS_ABOVE) {
            queries.add(base + " GROUP BY *");
        } else {
            List<String> all = new ArrayList<>(meters);
            for (int i = 0; i < all.size(); i += METERS_PER_QUERY) {
                queries.add(base + " AND " + meterFilter(all.subList(i, Math.min(all.size(), i + METERS_PER_QUERY)))
                        + " GROUP BY *");
            }
        }
        Map<String, RollupSum> sums = new LinkedHashMap<>();
        Set<String> split = new HashSet<>();
        for (String q : queries) {
            for (QueryResult.Series s : run(q)) {
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
            for (RollupRow r : rows(RollupSchema.DAILY, split, fromMillis, toMillis)) {
                Map<String, Double> v = values.computeIfAbsent(r.meter(), k -> new HashMap<>());
                r.values().forEach((c, x) -> v.merge(c, x, Double::sum));
                readings.merge(r.meter(), (long) r.readings(), Long::sum);
            }
            split.forEach(m -> sums.put(m, new RollupSum(m, values.getOrDefault(m, Map.of()),
                    readings.getOrDefault(m, 0L))));
        }
        return new ArrayList<>(sums.values());
    }

    private static RollupSum sum(String meter, List<Object> row) {
        Map<String, Double> v = new HashMap<>();
        int column = 1;
        for (String c : RollupSchema.VALUE_COLUMNS) {
            Object o = row.get(column++);
            if (o != null) {
                v.put(c, ((Number) o).doubleValue());
            }
        }
        Object readings = row.get(column);
        return new RollupSum(meter, v, readings == null ? 0 : ((Number) readings).longValue());
    }

    private static RollupRow row(String meter, List<Object> values) {
        Map<String, Double> v = new HashMap<>();
        int column = 1;
        for (String c : RollupSchema.VALUE_COLUMNS) {
            Object o = values.get(column++);
            if (o != null) {
                v.put(c, ((Number) o).doubleValue());
            }
        }
        Object readings = values.get(column++);
        Object estimated = values.get(column++);
        Object computedAt = values.get(column);
        return new RollupRow(meter, ((Number) values.get(0)).longValue(), v,
                readings == null ? 0 : ((Number) readings).intValue(), Boolean.TRUE.equals(estimated),
                computedAt == null ? 0 : ((Number) computedAt).longValue());
    }

    @Override
    public List<Arrival> markers(long afterMillis, long untilMillis, Collection<String> meters) {
        // meter is a field, not a tag (one series per writer), so the meters are picked out here.
        Set<String> wanted = meters == null ? null : new HashSet<>(meters);
        String q = "SELECT " + quoteIdentifier(ReadingSchema.METER) + ", " + quoteIdentifier(ReadingSchema.FROM_TS)
                + ", " + quoteIdentifier(ReadingSchema.TO_TS) + " FROM " + quoteIdentifier(ReadingSchema.ARRIVALS)
                + " WHERE time > " + afterMillis + "ms"
                + (untilMillis == Long.MAX_VALUE ? "" : " AND time <= " + untilMillis + "ms");
        List<Arrival> out = new ArrayList<>();
        for (QueryResult.Series s : run(q)) {
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
        String q = "SELECT " + quoteIdentifier(ReadingSchema.TO_TS) + " FROM " + quoteIdentifier(ReadingSchema.ARRIVALS)
                + " WHERE time > " + afterMillis + "ms AND time <= " + untilMillis + "ms ORDER BY time ASC LIMIT 1 OFFSET "
                + (rank - 1);
        for (QueryResult.Series s : run(q)) {
            for (List<Object> row : s.getValues()) {
                return ((Number) row.get(0)).longValue();
            }
        }
        return -1;
    }

    @Override
    public long countMarkersAfter(long afterMillis) {
        String q = "SELECT count(" + quoteIdentifier(ReadingSchema.TO_TS) + ") FROM "
                + quoteIdentifier(ReadingSchema.ARRIVALS) + " WHERE time > " + afterMillis + "ms";
        long count = 0;
        for (QueryResult.Series s : run(q)) {
            for (List<Object> row : s.getValues()) {
                count += ((Number) row.get(1)).longValue();
            }
        }
        return count;
    }

    @Override
    public void writeMarkers(List<Arrival> arrivals, long markerMillis) {
        ensureDatabase();
        try {
            markerWriter.write(markers.points(database, arrivals, markerMillis));
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
                String q = "SELECT " + fn + "(" + quoteIdentifier(field) + ") FROM "
                        + quoteIdentifier(ReadingSchema.MEASUREMENT) + " GROUP BY " + quoteIdentifier(ReadingSchema.METER);
                for (QueryResult.Series s : run(q)) {
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
        run("DELETE FROM " + quoteIdentifier(ReadingSchema.ARRIVALS) + " WHERE time < " + beforeMillis + "ms");
    }

    @Override
    public void awaitIngested(Duration timeout) {
        // An InfluxDB write is queryable once /write returned, and the acknowledgement waited for that.
    }

    @Override
    public void awaitRollups(Duration timeout) {
        // As above: write() returned only after InfluxDB took the points.
    }

    private void ensureDatabase() {
        if (databaseReady) {
            return;
        }
        QueryResult result = influx.query(new Query("CREATE DATABASE " + quoteIdentifier(database)));
        if (result.hasError()) {
            throw new StoreException("InfluxDB refused to create database " + database + ": " + result.getError(),
                    null);
        }
        databaseReady = true;
    }

    private List<QueryResult.Series> run(String influxql) {
        QueryResult result;
        try {
            result = influx.query(new Query(influxql, database), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw new StoreException("InfluxDB query failed: " + e.getMessage(), e);
        }
        if (result.hasError()) {
            throw new StoreException("InfluxDB query failed: " + result.getError(), null);
        }
        List<QueryResult.Series> series = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                // Nothing written yet: no database, hence no rows and no markers.
                if (r.getError().contains("database not found")) {
                    continue;
                }
                throw new StoreException("InfluxDB query failed: " + r.getError(), null);
            }
            if (r.getSeries() != null) {
                series.addAll(r.getSeries());
            }
        }
        return series;
    }

    private static String meterFilter(List<String> meters) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < meters.size(); i++) {
            if (i > 0) {
                sb.append(" OR ");
            }
            sb.append(quoteIdentifier(ReadingSchema.METER)).append(" = ").append(quoteString(meters.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String quoteIdentifier(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        influx.close();
        markerWriter.close();
    }
}
