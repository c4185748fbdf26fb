package io.jieneng.store.questdb;

import io.jieneng.store.ReadingSchema;
import io.jieneng.store.RollupSchema;
import io.jieneng.store.RollupTable;

import java.util.List;

/**
 * The QuestDB tables behind one prefix and their idempotent DDL (the layout is described in {@link ReadingSchema}
 * and {@link RollupSchema}). Every name is built from constants and a checked prefix, so it is safe in SQL text.
 */
final class QuestDbTables {

    final String prefix;
    final String readings;
    final String arrivals;

    QuestDbTables(String prefix) {
        this.prefix = ReadingSchema.checkedPrefix(prefix);
        this.readings = prefix + ReadingSchema.TABLE;
        this.arrivals = prefix + ReadingSchema.ARRIVALS;
    }

    String rollups(RollupTable table) {
        return prefix + table.storedName();
    }

    /** Every table's DDL: readings, arrivals, then the rollup tables. */
    List<String> ddl() {
        return List.of(createReadings(), createArrivals(), createRollups(RollupTable.HOURLY),
                createRollups(RollupTable.DAILY));
    }

    /** WAL, partitioned by day, deduplicated on (ts, meter): a resent reading overwrites itself. */
    String createReadings() {
        return "CREATE TABLE IF NOT EXISTS " + readings + " (" + ReadingSchema.METER + " SYMBOL, "
                + String.join(" DOUBLE, ", ReadingSchema.FIELDS) + " DOUBLE, " + ReadingSchema.TS + " TIMESTAMP) "
                + "TIMESTAMP(" + ReadingSchema.TS + ") PARTITION BY DAY WAL DEDUP UPSERT KEYS(" + ReadingSchema.TS
                + ", " + ReadingSchema.METER + ")";
    }

    /** WAL, partitioned by day, never deduplicated: two writers' markers of one meter and millisecond both stay. */
    String createArrivals() {
        return "CREATE TABLE IF NOT EXISTS " + arrivals + " (" + ReadingSchema.METER + " SYMBOL, "
                + ReadingSchema.FROM_TS + " LONG, " + ReadingSchema.TO_TS + " LONG, " + ReadingSchema.TS
                + " TIMESTAMP) TIMESTAMP(" + ReadingSchema.TS + ") PARTITION BY DAY WAL";
    }

    /** WAL, deduplicated on (ts, meter), so a recomputed bucket replaces the old row in place. */
    String createRollups(RollupTable table) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(rollups(table))
                .append(" (").append(ReadingSchema.METER).append(" SYMBOL");
        RollupSchema.VALUE_COLUMNS.forEach(c -> sb.append(", ").append(c).append(" DOUBLE"));
        return sb.append(", ").append(RollupSchema.READINGS).append(" LONG, ").append(RollupSchema.ESTIMATED)
                .append(" BOOLEAN, ").append(RollupSchema.COMPUTED_AT).append(" LONG, ").append(ReadingSchema.TS)
                .append(" TIMESTAMP) TIMESTAMP(").append(ReadingSchema.TS).append(") PARTITION BY ")
                .append(table.questDbPartition()).append(" WAL DEDUP UPSERT KEYS(").append(ReadingSchema.TS)
                .append(", ").append(ReadingSchema.METER).append(')').toString();
    }
}
