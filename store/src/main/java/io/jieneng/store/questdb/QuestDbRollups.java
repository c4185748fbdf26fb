package io.jieneng.store.questdb;

import io.jieneng.store.Arrival;
import io.jieneng.store.MeterChunks;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.RollupRow;
import io.jieneng.store.RollupSchema;
import io.jieneng.store.RollupStore;
import io.jieneng.store.RollupSum;
import io.jieneng.store.RollupTable;
import io.jieneng.store.StoreException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rollups and markers in QuestDB: written over ILP/HTTP, read through the store's one pool. QuestDB applies a
 * WAL commit to its table moments after the commit; {@link QuestDbWal} waits for that.
 */
final class QuestDbRollups implements RollupStore {

    private static final int METERS_PER_QUERY = 200;
    private static final int ROWS_PER_FLUSH = 20_000;
    // Above this many meters one grouped sum over every meter, filtered here, is cheaper than IN lists.
    private static final int SUM_ALL_METERS_ABOVE = 1000;
    private static final String ROW_COLUMNS;
    private static final String SUM_COLUMNS;

    static {
        StringBuilder sums = new StringBuilder(ReadingSchema.METER);
        RollupSchema.VALUE_COLUMNS.forEach(c -> sums.append(", sum(").append(c).append(')'));
        SUM_COLUMNS = sums.append(", sum(").append(RollupSchema.READINGS).append(')').toString();

        StringBuilder sb = new StringBuilder(ReadingSchema.METER).append(", cast(").append(ReadingSchema.TS)
                .append(" as long)");
        RollupSchema.VALUE_COLUMNS.forEach(c -> sb.append(", ").append(c));
        ROW_COLUMNS = sb.append(", ").append(RollupSchema.READINGS).append(", ").append(RollupSchema.ESTIMATED)
                .append(", ").append(RollupSchema.COMPUTED_AT).toString();
    }

    private final QuestDb questdb;
    private final QuestDbTables tables;
    private final QuestDbWal wal;
    private final IlpWriter ilp;

    QuestDbRollups(QuestDb questdb) {
        this.questdb = questdb;
        this.tables = questdb.tables;
        this.wal = new QuestDbWal(questdb);
        this.ilp = questdb.newWriter();
    }

    @Override
    public String stateKey() {
        return "questdb:" + tables.prefix;
    }

    @Override
    public synchronized void write(List<RollupRow> hourlyRows, List<RollupRow> dailyRows) {
        questdb.ensureTables();
        try {
            write(RollupTable.HOURLY, hourlyRows);
            write(RollupTable.DAILY, dailyRows);
        } catch (RuntimeException e) {
            throw new StoreException("QuestDB refused rollup rows: " + e.getMessage(), e);
        }
    }

    private void write(RollupTable table, List<RollupRow> rows) {
        String name = tables.rollups(table);
        for (int i = 0; i < rows.size(); i += ROWS_PER_FLUSH) {
            List<RollupRow> part = rows.subList(i, Math.min(rows.size(), i + ROWS_PER_FLUSH));
            ilp.send(s -> {
                for (RollupRow r : part) {
                    s.table(name).symbol(ReadingSchema.METER, r.meter());
                    for (String c : RollupSchema.VALUE_COLUMNS) {
                        Double v = r.values().get(c);
                        if (v != null) {
                            s.doubleColumn(c, v);
                        }
                    }
                    s.longColumn(RollupSchema.READINGS, r.readings()).boolColumn(RollupSchema.ESTIMATED, r.estimated())
                            .longColumn(RollupSchema.COMPUTED_AT, r.computedAtMillis())
                            .at(r.startMillis(), ChronoUnit.MILLIS);
                }
            });
        }
    }

    @Override
    public List<RollupRow> rows(RollupTable table, Collection<String> meters, long fromMillis, long toMillis) {
        questdb.ensureTables();
        List<RollupRow> out = new ArrayList<>();
        for (List<String> chunk : MeterChunks.of(meters, METERS_PER_QUERY)) {
            questdb.query(new Sql("SELECT " + ROW_COLUMNS + " FROM " + tables.rollups(table) + " WHERE "
                    + ReadingSchema.METER + " IN (").values(chunk).text(") AND " + ReadingSchema.TS + " >= ")
                    .micros(fromMillis).text(" AND " + ReadingSchema.TS + " < ").micros(toMillis),
                    rs -> out.add(row(rs)));
        }
        return out;
    }

    @Override
    public List<RollupSum> dailySums(Collection<String> meters, long fromMillis, long toMillis) {
        questdb.ensureTables();
        List<RollupSum> out = new ArrayList<>();
        String groupBy = " GROUP BY " + ReadingSchema.METER;
        if (meters == null || meters.size() > SUM_ALL_METERS_ABOVE) {
            Set<String> wanted = meters == null ? null : new HashSet<>(meters);
            questdb.query(sumsOver(fromMillis, toMillis).text(groupBy), rs -> {
                if (wanted == null || wanted.contains(rs.getString(1))) {
                    out.add(sum(rs));
                }
            });
            return out;
        }
        for (List<String> chunk : MeterChunks.of(meters, METERS_PER_QUERY)) {
            questdb.query(sumsOver(fromMillis, toMillis).text(" AND " + ReadingSchema.METER + " IN (").values(chunk)
                    .text(")" + groupBy), rs -> out.add(sum(rs)));
        }
        return out;
    }

    private Sql sumsOver(long fromMillis, long toMillis) {
        return new Sql("SELECT " + SUM_COLUMNS + " FROM " + tables.rollups(RollupTable.DAILY) + " WHERE "
                + ReadingSchema.TS + " >= ").micros(fromMillis).text(" AND " + ReadingSchema.TS + " < ")
                .micros(toMillis);
    }

    private static RollupSum sum(ResultSet rs) throws SQLException {
        return new RollupSum(rs.getString(1), values(rs, 2), rs.getLong(2 + RollupSchema.VALUE_COLUMNS.size()));
    }

    private static RollupRow row(ResultSet rs) throws SQLException {
        int column = 3 + RollupSchema.VALUE_COLUMNS.size();
        return new RollupRow(rs.getString(1), Math.floorDiv(rs.getLong(2), 1000), values(rs, 3),
                (int) rs.getLong(column), rs.getBoolean(column + 1), rs.getLong(column + 2));
    }

    /** The value columns from {@code first} on; a column the meter never had is null (NaN in a QuestDB sum). */
    private static Map<String, Double> values(ResultSet rs, int first) throws SQLException {
        Map<String, Double> values = new HashMap<>();
        int column = first;
        for (String c : RollupSchema.VALUE_COLUMNS) {
            double v = rs.getDouble(column++);
            if (!rs.wasNull() && !Double.isNaN(v)) {
                values.put(c, v);
            }
        }
        return values;
    }

    @Override
    public List<Arrival> markers(long afterMillis, long untilMillis, Collection<String> meters) {
        questdb.ensureTables();
        List<Arrival> out = new ArrayList<>();
        if (meters == null) {
            questdb.query(markersIn(afterMillis, untilMillis), rs -> out.add(arrival(rs)));
            return out;
        }
        for (List<String> chunk : MeterChunks.of(meters, METERS_PER_QUERY)) {
            questdb.query(markersIn(afterMillis, untilMillis).text(" AND " + ReadingSchema.METER + " IN (")
                    .values(chunk).text(")"), rs -> out.add(arrival(rs)));
        }
        return out;
    }

    private Sql markersIn(long afterMillis, long untilMillis) {
        Sql sql = new Sql("SELECT " + ReadingSchema.METER + ", " + ReadingSchema.FROM_TS + ", " + ReadingSchema.TO_TS
                + " FROM " + tables.arrivals + " WHERE " + ReadingSchema.TS + " > ").micros(afterMillis);
        return untilMillis == Long.MAX_VALUE ? sql : sql.text(" AND " + ReadingSchema.TS + " <= ").micros(untilMillis);
    }

    private static Arrival arrival(ResultSet rs) throws SQLException {
        return new Arrival(rs.getString(1), rs.getLong(2), rs.getLong(3));
    }

    @Override
    public long markerTime(long afterMillis, long untilMillis, int rank) {
        questdb.ensureTables();
        long[] found = {-1};
        // QuestDB's LIMIT lo, hi returns rows lo + 1 to hi. They are ints of ours, formatted, not bound: QuestDB's
        // LIMIT takes constants.
        questdb.query(new Sql("SELECT cast(" + ReadingSchema.TS + " as long) FROM " + tables.arrivals + " WHERE "
                + ReadingSchema.TS + " > ").micros(afterMillis).text(" AND " + ReadingSchema.TS + " <= ")
                .micros(untilMillis).text(" ORDER BY " + ReadingSchema.TS + " LIMIT " + (rank - 1) + ", " + rank),
                rs -> found[0] = Math.floorDiv(rs.getLong(1), 1000));
        return found[0];
    }

    @Override
    public long countMarkersAfter(long afterMillis) {
        questdb.ensureTables();
        long[] count = new long[1];
        questdb.query(new Sql("SELECT count() FROM " + tables.arrivals + " WHERE " + ReadingSchema.TS + " > ")
                .micros(afterMillis), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    @Override
    public synchronized void writeMarkers(List<Arrival> markers, long markerMillis) {
        questdb.ensureTables();
        try {
            ilp.send(s -> IlpWriter.markers(s, tables.arrivals, markers, markerMillis));
        } catch (RuntimeException e) {
            throw new StoreException("QuestDB refused arrival markers: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Arrival> storedRanges() {
        questdb.ensureTables();
        List<Arrival> out = new ArrayList<>();
        questdb.query(new Sql("SELECT " + ReadingSchema.METER + ", cast(min(" + ReadingSchema.TS + ") as long), "
                + "cast(max(" + ReadingSchema.TS + ") as long) FROM " + tables.readings + " GROUP BY "
                + ReadingSchema.METER), rs -> out.add(new Arrival(rs.getString(1), Math.floorDiv(rs.getLong(2), 1000),
                Math.floorDiv(rs.getLong(3), 1000))));
        return out;
    }

    @Override
    public void deleteMarkersBefore(long beforeMillis) {
        questdb.ensureTables();
        // DROP PARTITION tests a partition by its start, so only days that end before the UTC midnight at or
        // before beforeMillis are dropped: never a marker newer than beforeMillis. The bound is a number of ours,
        // formatted: QuestDB's ALTER TABLE takes no bind variables.
        long midnightMicros = Math.floorDiv(beforeMillis, 86_400_000L) * 86_400_000L * 1000;
        questdb.execute(new Sql("ALTER TABLE " + tables.arrivals + " DROP PARTITION WHERE " + ReadingSchema.TS
                + " < " + midnightMicros));
    }

    @Override
    public void awaitIngested(Duration timeout) {
        wal.awaitApplied(List.of(tables.readings, tables.arrivals), timeout);
    }

    @Override
    public void awaitRollups(Duration timeout) {
        wal.awaitApplied(List.of(tables.rollups(RollupTable.HOURLY), tables.rollups(RollupTable.DAILY)), timeout);
    }

    void close() {
        synchronized (this) {
            ilp.close();
        }
    }
}
