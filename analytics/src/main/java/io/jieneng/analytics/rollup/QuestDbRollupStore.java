package io.jieneng.analytics.rollup;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.jieneng.analytics.store.StoreException;
import io.jieneng.ingest.sink.Arrival;
import io.jieneng.ingest.sink.ReadingSchema;
import io.questdb.client.Sender;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Rollups and markers in QuestDB: written over ILP/HTTP, read over the PostgreSQL wire with timestamps as epoch
 * microseconds (like {@code QuestDbReadingStore}). QuestDB applies a WAL commit to its table moments after the
 * commit; "visible" means {@code wal_tables()} reports the writer caught up with the sequencer transaction that
 * existed when the wait began.
 */
public final class QuestDbRollupStore implements RollupStore {

    private static final int METERS_PER_QUERY = 200;
    private static final int ROWS_PER_FLUSH = 20_000;
    // The same bound as the ingest sink's: a marker commits within about 10.5 s of its time or not at all.
    private static final String BOUNDED_FLUSH = "request_timeout=3000;retry_timeout=3000;"
            + "request_min_throughput=1048576;";
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

    private final String prefix;
    private final String readings;
    private final String arrivals;
    private final String hourly;
    private final String daily;
    private final String senderConfig;
    private final AgroalDataSource pool;
    private Sender sender;
    private volatile boolean tablesReady;

    /**
     * @param httpUrl QuestDB's HTTP endpoint (ILP writes)
     * @param pgUrl   the JDBC URL of its PostgreSQL-wire endpoint (queries and DDL)
     */
    public QuestDbRollupStore(String httpUrl, String pgUrl, String user, String password, String tablePrefix) {
        this.prefix = tablePrefix;
        this.readings = ReadingSchema.questDbTable(tablePrefix);
        this.arrivals = ReadingSchema.questDbArrivalsTable(tablePrefix);
        this.hourly = RollupSchema.questDbTable(tablePrefix, RollupSchema.HOURLY);
        this.daily = RollupSchema.questDbTable(tablePrefix, RollupSchema.DAILY);
        URI uri = URI.create(httpUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : 9000;
        this.senderConfig = uri.getScheme() + "::addr=" + uri.getHost() + ":" + port + ";auto_flush=off;"
                + BOUNDED_FLUSH;
        try {
            this.pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(cp -> cp.maxSize(4).connectionFactoryConfiguration(cf -> cf
                            .jdbcUrl(pgUrl)
                            .principal(new NamePrincipal(user))
                            .credential(new SimplePassword(password)))));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the QuestDB connection pool for " + pgUrl, e);
        }
    }

    @Override
    public String stateKey() {
        return "questdb:" + prefix;
    }

    @Override
    public synchronized void write(List<RollupRow> hourlyRows, List<RollupRow> dailyRows) {
        ensureTables();
        try {
            Sender s = sender();
            int pending = 0;
            for (List<RollupRow> rows : List.of(hourlyRows, dailyRows)) {
                String table = rows == hourlyRows ? hourly : daily;
                for (RollupRow r : rows) {
                    s.table(table).symbol(ReadingSchema.METER, r.meter());
                    for (String c : RollupSchema.VALUE_COLUMNS) {
                        Double v = r.values().get(c);
                        if (v != null) {
                            s.doubleColumn(c, v);
                        }
                    }
                    s.longColumn(RollupSchema.READINGS, r.readings()).boolColumn(RollupSchema.ESTIMATED, r.estimated())
                            .longColumn(RollupSchema.COMPUTED_AT, r.computedAtMillis())
                            .at(r.startMillis(), ChronoUnit.MILLIS);
                    if (++pending == ROWS_PER_FLUSH) {
                        s.flush();
                        pending = 0;
                    }
                }
            }
            s.flush();
        } catch (RuntimeException e) {
            discardSender();
            throw new StoreException("QuestDB refused rollup rows: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RollupRow> hourly(Collection<String> meters, long fromMillis, long toMillis) {
        return rows(hourly, meters, fromMillis, toMillis);
    }

    @Override
    public List<RollupRow> daily(Collection<String> meters, long fromMillis, long toMillis) {
        return rows(daily, meters, fromMillis, toMillis);
    }

    private List<RollupRow> rows(String table, Collection<String> meters, long fromMillis, long toMillis) {
        ensureTables();
        List<RollupRow> out = new ArrayList<>();
        for (List<String> chunk : chunks(meters)) {
            String sql = "SELECT " + ROW_COLUMNS + " FROM " + table + " WHERE " + ReadingSchema.METER + " IN ("
                    + placeholders(chunk.size()) + ") AND " + ReadingSchema.TS + " >= ? AND " + ReadingSchema.TS
                    + " < ?";
            query(sql, chunk, List.of(fromMillis * 1000, toMillis * 1000), rs -> out.add(row(rs)));
        }
        return out;
    }

    @Override
    public List<RollupSum> dailySums(Collection<String> meters, long fromMillis, long toMillis) {
        ensureTables();
        List<RollupSum> out = new ArrayList<>();
        String base = "SELECT " + SUM_COLUMNS + " FROM " + daily + " WHERE " + ReadingSchema.TS + " >= ? AND "
                + ReadingSchema.TS + " < ?";
        String groupBy = " GROUP BY " + ReadingSchema.METER;
        List<Long> range = List.of(fromMillis * 1000, toMillis * 1000);
        if (meters == null || meters.size() > SUM_ALL_METERS_ABOVE) {
            Set<String> wanted = meters == null ? null : new HashSet<>(meters);
            query(base + groupBy, List.of(), range, rs -> {
                if (wanted == null || wanted.contains(rs.getString(1))) {
                    out.add(sum(rs));
                }
            });
            return out;
        }
        for (List<String> chunk : chunks(meters)) {
            query(base + " AND " + ReadingSchema.METER + " IN (" + placeholders(chunk.size()) + ")" + groupBy,
                    List.of(), range, chunk, rs -> out.add(sum(rs)));
        }
        return out;
    }

    private static RollupSum sum(ResultSet rs) throws SQLException {
        Map<String, Double> values = new HashMap<>();
        int column = 2;
        for (String c : RollupSchema.VALUE_COLUMNS) {
            double v = rs.getDouble(column++);
            // A column the meter never had sums to null (NaN in QuestDB).
            if (!rs.wasNull() && !Double.isNaN(v)) {
                values.put(c, v);
            }
        }
        return new RollupSum(rs.getString(1), values, rs.getLong(column));
    }

    private static RollupRow row(ResultSet rs) throws SQLException {
        Map<String, Double> values = new HashMap<>();
        int column = 3;
        for (String c : RollupSchema.VALUE_COLUMNS) {
            double v = rs.getDouble(column++);
            if (!rs.wasNull() && !Double.isNaN(v)) {
                values.put(c, v);
            }
        }
        int readings = (int) rs.getLong(column++);
        boolean estimated = rs.getBoolean(column++);
        long computedAt = rs.getLong(column);
        return new RollupRow(rs.getString(1), Math.floorDiv(rs.getLong(2), 1000), values, readings, estimated,
                computedAt);
    }

    @Override
    public List<Arrival> markers(long afterMillis, long untilMillis, Collection<String> meters) {
        ensureTables();
        String base = "SELECT " + ReadingSchema.METER + ", " + ReadingSchema.FROM_TS + ", " + ReadingSchema.TO_TS
                + " FROM " + arrivals + " WHERE " + ReadingSchema.TS + " > ?"
                + (untilMillis == Long.MAX_VALUE ? "" : " AND " + ReadingSchema.TS + " <= ?");
        List<Long> times = untilMillis == Long.MAX_VALUE ? List.of(afterMillis * 1000)
                : List.of(afterMillis * 1000, untilMillis * 1000);
        List<Arrival> out = new ArrayList<>();
        if (meters == null) {
            query(base, List.of(), times, rs -> out.add(arrival(rs)));
            return out;
        }
        for (List<String> chunk : chunks(meters)) {
            String sql = base + " AND " + ReadingSchema.METER + " IN (" + placeholders(chunk.size()) + ")";
            query(sql, List.of(), times, chunk, rs -> out.add(arrival(rs)));
        }
        return out;
    }

    private static Arrival arrival(ResultSet rs) throws SQLException {
        return new Arrival(rs.getString(1), rs.getLong(2), rs.getLong(3));
    }

    @Override
    public long markerTime(long afterMillis, long untilMillis, int rank) {
        ensureTables();
        long[] found = {-1};
        // QuestDB's LIMIT lo, hi returns rows lo + 1 to hi.
        query("SELECT cast(" + ReadingSchema.TS + " as long) FROM " + arrivals + " WHERE " + ReadingSchema.TS
                        + " > ? AND " + ReadingSchema.TS + " <= ? ORDER BY " + ReadingSchema.TS + " LIMIT " + (rank - 1)
                        + ", " + rank, List.of(), List.of(afterMillis * 1000, untilMillis * 1000),
                rs -> found[0] = Math.floorDiv(rs.getLong(1), 1000));
        return found[0];
    }

    @Override
    public long countMarkersAfter(long afterMillis) {
        ensureTables();
        long[] count = new long[1];
        query("SELECT count() FROM " + arrivals + " WHERE " + ReadingSchema.TS + " > ?", List.of(),
                List.of(afterMillis * 1000), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    @Override
    public synchronized void writeMarkers(List<Arrival> markers, long markerMillis) {
        ensureTables();
        try {
            Sender s = sender();
            for (Arrival a : markers) {
                s.table(arrivals).symbol(ReadingSchema.METER, a.meterId())
                        .longColumn(ReadingSchema.FROM_TS, a.fromMillis())
                        .longColumn(ReadingSchema.TO_TS, a.toMillis())
                        .at(markerMillis, ChronoUnit.MILLIS);
            }
            s.flush();
        } catch (RuntimeException e) {
            discardSender();
            throw new StoreException("QuestDB refused arrival markers: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Arrival> storedRanges() {
        ensureTables();
        List<Arrival> out = new ArrayList<>();
        query("SELECT " + ReadingSchema.METER + ", cast(min(" + ReadingSchema.TS + ") as long), cast(max("
                + ReadingSchema.TS + ") as long) FROM " + readings + " GROUP BY " + ReadingSchema.METER, List.of(),
                List.of(), rs -> out.add(new Arrival(rs.getString(1), Math.floorDiv(rs.getLong(2), 1000),
                        Math.floorDiv(rs.getLong(3), 1000))));
        return out;
    }

    @Override
    public void deleteMarkersBefore(long beforeMillis) {
        ensureTables();
        // DROP PARTITION tests a partition by its start, so only days that end before the UTC midnight at or
        // before beforeMillis are dropped: never a marker newer than beforeMillis.
        long midnightMicros = Math.floorDiv(beforeMillis, 86_400_000L) * 86_400_000L * 1000;
        execute("ALTER TABLE " + arrivals + " DROP PARTITION WHERE " + ReadingSchema.TS + " < " + midnightMicros);
    }

    @Override
    public void awaitIngested(Duration timeout) {
        awaitApplied(List.of(readings, arrivals), timeout);
    }

    @Override
    public void awaitRollups(Duration timeout) {
        awaitApplied(List.of(hourly, daily), timeout);
    }

    private void awaitApplied(List<String> tables, Duration timeout) {
        Map<String, Long> target = new HashMap<>();
        walState(tables, (name, writerTxn, sequencerTxn) -> target.put(name, sequencerTxn));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> behind = new ArrayList<>();
            walState(tables, (name, writerTxn, sequencerTxn) -> {
                if (writerTxn < target.getOrDefault(name, 0L)) {
                    behind.add(name);
                }
            });
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException("QuestDB has not applied the write-ahead log of " + behind + " within "
                        + timeout.toMillis() + " ms", null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private interface WalRow {
        void accept(String name, long writerTxn, long sequencerTxn) throws SQLException;
    }

    private void walState(List<String> tables, WalRow out) {
        // Table names are built from a checked prefix and constants, so they are safe to inline.
        String sql = "SELECT name, writerTxn, sequencerTxn, suspended FROM wal_tables() WHERE name IN ('"
                + String.join("', '", tables) + "')";
        query(sql, List.of(), List.of(), rs -> {
            if (rs.getBoolean(4)) {
                throw new StoreException("QuestDB suspended the WAL table " + rs.getString(1)
                        + "; see its log and resume it with ALTER TABLE ... RESUME WAL", null);
            }
            out.accept(rs.getString(1), rs.getLong(2), rs.getLong(3));
        });
    }

    private void ensureTables() {
        if (tablesReady) {
            return;
        }
        synchronized (this) {
            if (tablesReady) {
                return;
            }
            execute(ReadingSchema.questDbCreateTable(prefix));
            execute(ReadingSchema.questDbCreateArrivals(prefix));
            execute(RollupSchema.questDbCreate(prefix, RollupSchema.HOURLY, "MONTH"));
            execute(RollupSchema.questDbCreate(prefix, RollupSchema.DAILY, "YEAR"));
            tablesReady = true;
        }
    }

    private void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("QuestDB refused " + sql + ": " + e.getMessage(), e);
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<String> meters, List<Long> longs, RowReader reader) {
        query(sql, meters, longs, List.of(), reader);
    }

    /** Binds {@code before}, then {@code longs}, then {@code after}. */
    private void query(String sql, List<String> before, List<Long> longs, List<String> after, RowReader reader) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String m : before) {
                ps.setString(i++, m);
            }
            for (long t : longs) {
                ps.setLong(i++, t);
            }
            for (String m : after) {
                ps.setString(i++, m);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("QuestDB query failed: " + e.getMessage(), e);
        }
    }

    private Sender sender() {
        if (sender == null) {
            sender = Sender.fromConfig(senderConfig);
        }
        return sender;
    }

    private void discardSender() {
        Sender s = sender;
        sender = null;
        if (s != null) {
            try {
                s.reset();
                s.close();
            } catch (RuntimeException ignored) {
                // Thrown away after a failed flush; nothing in it was acknowledged.
            }
        }
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += METERS_PER_QUERY) {
            out.add(all.subList(i, Math.min(all.size(), i + METERS_PER_QUERY)));
        }
        return out;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    @Override
    public synchronized void close() {
        discardSender();
        pool.close();
    }
}
