package io.jieneng.analytics.store;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.ingest.sink.InfluxConnections;
import io.jieneng.ingest.sink.ReadingSchema;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads readings from InfluxDB through its v1 {@code /query} endpoint (InfluxQL), which InfluxDB 1.x, 2.x (DBRP
 * mapping) and 3.x all serve. Times are requested as epoch milliseconds.
 */
public final class InfluxDbReadingStore implements ReadingStore, AutoCloseable {

    // InfluxQL has no IN operator; OR-chains of this many meters keep each query well under URL limits.
    private static final int METERS_PER_QUERY = 100;
    private static final String FIELDS;

    static {
        List<String> names = new ArrayList<>();
        for (ReadingField f : ReadingField.values()) {
            names.add(quoteIdentifier(f.jsonName()));
        }
        FIELDS = String.join(", ", names);
    }

    private final InfluxDB influx;
    private final String database;

    public InfluxDbReadingStore(String url, String database, String user, String password) {
        this.influx = InfluxConnections.connect(url, user, password);
        this.database = database;
    }

    @Override
    public List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis) {
        List<Reading> out = new ArrayList<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            String q = "SELECT " + FIELDS + " FROM " + quoteIdentifier(ReadingSchema.MEASUREMENT) + " WHERE "
                    + meterFilter(chunk) + " AND time >= " + fromMillis + "ms AND time < " + toMillis
                    + "ms GROUP BY " + quoteIdentifier(ReadingSchema.METER);
            for (QueryResult.Series s : run(q)) {
                String meter = s.getTags().get(ReadingSchema.METER);
                for (List<Object> row : s.getValues()) {
                    Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
                    int column = 1;
                    for (ReadingField f : ReadingField.values()) {
                        Object v = row.get(column++);
                        if (v != null) {
                            values.put(f, ((Number) v).doubleValue());
                        }
                    }
                    out.add(Reading.of(meter, ((Number) row.get(0)).longValue(), values));
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Reading> latestBefore(Collection<String> meterIds, ReadingField register, long tsMillis) {
        return selector("last", meterIds, register, "time < " + tsMillis + "ms");
    }

    @Override
    public Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis) {
        return selector("first", meterIds, register, "time >= " + tsMillis + "ms");
    }

    // first()/last() on one field return the time of the point that holds the value, which is what we need.
    private Map<String, Reading> selector(String fn, Collection<String> meterIds, ReadingField register,
                                          String timeCondition) {
        Map<String, Reading> out = new HashMap<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            String q = "SELECT " + fn + "(" + quoteIdentifier(register.jsonName()) + ") FROM "
                    + quoteIdentifier(ReadingSchema.MEASUREMENT) + " WHERE " + meterFilter(chunk) + " AND "
                    + timeCondition + " GROUP BY " + quoteIdentifier(ReadingSchema.METER);
            for (QueryResult.Series s : run(q)) {
                String meter = s.getTags().get(ReadingSchema.METER);
                for (List<Object> row : s.getValues()) {
                    if (row.get(1) != null) {
                        Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
                        values.put(register, ((Number) row.get(1)).doubleValue());
                        out.put(meter, Reading.of(meter, ((Number) row.get(0)).longValue(), values));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public boolean isReachable() {
        return InfluxConnections.isReachable(influx);
    }

    @Override
    public void close() {
        influx.close();
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
                // A database that was never written to has no measurement yet: that is "no readings".
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

    static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String quoteIdentifier(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
