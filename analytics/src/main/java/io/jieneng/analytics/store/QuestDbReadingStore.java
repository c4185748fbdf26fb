package io.jieneng.analytics.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.ingest.sink.ReadingSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads readings from QuestDB over its PostgreSQL wire protocol. Timestamps travel as epoch microseconds
 * ({@code cast(ts as long)}), never as SQL timestamps, so the JVM's default time zone can never shift them.
 */
public final class QuestDbReadingStore implements ReadingStore, AutoCloseable {

    // Bounds the size of one IN list; a query per chunk keeps statements small for large institutions.
    private static final int METERS_PER_QUERY = 1000;
    private static final String COLUMNS;

    static {
        StringBuilder sb = new StringBuilder(ReadingSchema.METER).append(", cast(").append(ReadingSchema.TS)
                .append(" as long)");
        for (ReadingField f : ReadingField.values()) {
            sb.append(", ").append(f.jsonName());
        }
        COLUMNS = sb.toString();
    }

    private final AgroalDataSource pool;
    private final String table;

    public QuestDbReadingStore(String jdbcUrl, String user, String password, String tablePrefix) {
        this.table = ReadingSchema.questDbTable(tablePrefix);
        try {
            this.pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(cp -> cp.maxSize(8).connectionFactoryConfiguration(cf -> cf
                            .jdbcUrl(jdbcUrl)
                            .principal(new NamePrincipal(user))
                            .credential(new SimplePassword(password)))));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the QuestDB connection pool for " + jdbcUrl, e);
        }
    }

    @Override
    public List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis) {
        List<Reading> out = new ArrayList<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + ReadingSchema.METER + " IN ("
                    + placeholders(chunk.size()) + ") AND " + ReadingSchema.TS + " >= ? AND "
                    + ReadingSchema.TS + " < ?";
            query(sql, chunk, new long[]{fromMillis * 1000, toMillis * 1000}, out);
        }
        return out;
    }

    @Override
    public Map<String, Reading> latestBefore(Collection<String> meterIds, ReadingField register, long tsMillis) {
        List<Reading> found = new ArrayList<>();
        for (List<String> chunk : MeterChunks.of(meterIds, METERS_PER_QUERY)) {
            String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + ReadingSchema.METER + " IN ("
                    + placeholders(chunk.size()) + ") AND " + ReadingSchema.TS + " < ? AND "
                    + register.jsonName() + " != null LATEST ON " + ReadingSchema.TS + " PARTITION BY "
                    + ReadingSchema.METER;
            query(sql, chunk, new long[]{tsMillis * 1000}, found);
        }
        return found.stream().collect(Collectors.toMap(Reading::meterId, r -> r, (a, b) -> a));
    }

    @Override
    public Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis) {
        // QuestDB has LATEST ON but no EARLIEST ON; a forward scan with LIMIT 1 per meter stops at the first row.
        String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + ReadingSchema.METER + " = ? AND "
                + ReadingSchema.TS + " >= ? AND " + register.jsonName() + " != null LIMIT 1";
        Map<String, Reading> out = new HashMap<>();
        for (String meter : meterIds) {
            List<Reading> one = new ArrayList<>(1);
            query(sql, List.of(meter), new long[]{tsMillis * 1000}, one);
            one.forEach(r -> out.put(r.meterId(), r));
        }
        return out;
    }

    @Override
    public boolean isReachable() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private void query(String sql, List<String> meters, long[] micros, List<Reading> out) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String m : meters) {
                ps.setString(i++, m);
            }
            for (long t : micros) {
                ps.setLong(i++, t);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("QuestDB query failed: " + e.getMessage(), e);
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

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

}
