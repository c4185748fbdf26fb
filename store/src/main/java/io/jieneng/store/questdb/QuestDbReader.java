package io.jieneng.store.questdb;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.MeterChunks;
import io.jieneng.store.ReadingReader;
import io.jieneng.store.ReadingSchema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads readings from QuestDB over its PostgreSQL wire protocol, through the store's one pool. */
final class QuestDbReader implements ReadingReader {

    // Bounds the size of one IN list; a query per chunk keeps statements small for large institutions.
    private static final int METERS_PER_QUERY = 1000;
    private static final String COLUMNS;

    static {
        StringBuilder sb = new StringBuilder(ReadingSchema.METER).append(", cast(").append(ReadingSchema.TS)
                .append(" as long)");
        for (ReadingField f : ReadingField.values()) {
            sb.append(", ").append(ReadingSchema.column(f));
        }
        COLUMNS = sb.toString();
    }

    private final QuestDb questdb;
    private final String table;

    QuestDbReader(QuestDb questdb) {
        this.questdb = questdb;
        this.table = questdb.tables.readings;
    }

    private Sql select() {
        return new Sql("SELECT " + COLUMNS + " FROM " + table + " WHERE ");
    }

    @Override
    public List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis) {
        List<Reading> out = new ArrayList<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            questdb.query(select().text(ReadingSchema.METER + " IN (").values(chunk).text(") AND " + ReadingSchema.TS
                    + " >= ").micros(fromMillis).text(" AND " + ReadingSchema.TS + " < ").micros(toMillis),
                    rs -> out.add(read(rs)));
        }
        return out;
    }

    @Override
    public Map<String, Reading> latestBefore(Collection<String> meterIds, ReadingField register, long tsMillis) {
        Map<String, Reading> out = new HashMap<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            questdb.query(select().text(ReadingSchema.METER + " IN (").values(chunk).text(") AND " + ReadingSchema.TS
                    + " < ").micros(tsMillis).text(" AND " + ReadingSchema.column(register) + " != null LATEST ON "
                    + ReadingSchema.TS + " PARTITION BY " + ReadingSchema.METER), rs -> {
                Reading r = read(rs);
                out.putIfAbsent(r.meterId(), r);
            });
        }
        return out;
    }

    @Override
    public Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis) {
        // QuestDB has LATEST ON but no EARLIEST ON; a forward scan with LIMIT 1 per meter stops at the first row.
        Map<String, Reading> out = new HashMap<>();
        for (String meter : meterIds) {
            questdb.query(select().text(ReadingSchema.METER + " = ").value(meter).text(" AND " + ReadingSchema.TS
                    + " >= ").micros(tsMillis).text(" AND " + ReadingSchema.column(register) + " != null LIMIT 1"),
                    rs -> {
                        Reading r = read(rs);
                        out.put(r.meterId(), r);
                    });
        }
        return out;
    }

    @Override
    public boolean isReachable() {
        try {
            boolean[] answered = {false};
            questdb.query(new Sql("SELECT 1"), rs -> answered[0] = true);
            return answered[0];
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Reading read(ResultSet rs) throws SQLException {
        String meter = rs.getString(1);
        long tsMillis = Math.floorDiv(rs.getLong(2), 1000);
        Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
        int column = 3;
        for (ReadingField f : ReadingField.values()) {
            double d = rs.getDouble(column++);
            if (!rs.wasNull() && !Double.isNaN(d)) {
                values.put(f, d);
            }
        }
        return Reading.of(meter, tsMillis, values);
    }
}
