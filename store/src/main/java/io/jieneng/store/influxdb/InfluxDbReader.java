package io.jieneng.store.influxdb;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.MeterChunks;
import io.jieneng.store.ReadingReader;
import io.jieneng.store.ReadingSchema;
import org.influxdb.dto.QueryResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jieneng.store.influxdb.InfluxQl.quote;

/**
 * Reads readings from InfluxDB through its v1 {@code /query} endpoint (InfluxQL), which InfluxDB 1.x, 2.x (DBRP
 * mapping) and 3.x all serve. Times are requested as epoch milliseconds.
 */
final class InfluxDbReader implements ReadingReader {

    // InfluxQL has no IN operator; OR-chains of this many meters keep each query well under URL limits.
    static final int METERS_PER_QUERY = 100;
    private static final String FIELDS;
    private static final String FROM_READINGS = " FROM " + quote(ReadingSchema.MEASUREMENT) + " WHERE ";
    private static final String BY_METER = " GROUP BY " + quote(ReadingSchema.METER);

    static {
        List<String> names = new ArrayList<>();
        for (ReadingField f : ReadingField.values()) {
            names.add(quote(ReadingSchema.column(f)));
        }
        FIELDS = String.join(", ", names);
    }

    private final Influx influx;

    InfluxDbReader(Influx influx) {
        this.influx = influx;
    }

    @Override
    public List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis) {
        List<Reading> out = new ArrayList<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            InfluxQl q = new InfluxQl("SELECT " + FIELDS + FROM_READINGS).meters(chunk).text(" AND time >= ")
                    .time(fromMillis).text(" AND time < ").time(toMillis).text(BY_METER);
            for (QueryResult.Series s : influx.run(q)) {
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
        return selector("last", meterIds, register, q -> q.text(" AND time < ").time(tsMillis));
    }

    @Override
    public Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis) {
        return selector("first", meterIds, register, q -> q.text(" AND time >= ").time(tsMillis));
    }

    // first()/last() on one field return the time of the point that holds the value, which is what we need.
    private Map<String, Reading> selector(String fn, Collection<String> meterIds, ReadingField register,
                                          java.util.function.UnaryOperator<InfluxQl> timeCondition) {
        Map<String, Reading> out = new HashMap<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            InfluxQl q = timeCondition.apply(new InfluxQl("SELECT " + fn + "(" + quote(ReadingSchema.column(register))
                    + ")" + FROM_READINGS).meters(chunk)).text(BY_METER);
            for (QueryResult.Series s : influx.run(q)) {
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
        return influx.isReachable();
    }
}
