package io.jieneng.ingest.bridge;

import io.jieneng.devices.registry.Registry;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.ReadingSink;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import io.jieneng.store.testing.TestQuestDb;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An embedded QuestDB in a temporary directory on free loopback ports, with a table prefix of its own, read back
 * over its PostgreSQL wire protocol.
 */
final class QuestDbFixture implements AutoCloseable {

    private final TestQuestDb questdb;
    private final String prefix;

    QuestDbFixture() throws IOException {
        questdb = TestQuestDb.start("bridge");
        prefix = TestQuestDb.newPrefix("bridge");
    }

    String httpUrl() {
        return questdb.httpUrl();
    }

    String tablePrefix() {
        return prefix;
    }

    /**
     * A new sink onto this fixture's table (each IngestCore closes its own). A writing-only QuestDB store holds no
     * pool, only its HTTP client: nothing to close but the sink.
     */
    ReadingSink sink() {
        return Stores.open(StoreSettings.questDb(questdb.httpUrl(), prefix), Registry::empty).newSink();
    }

    /**
     * The energyKwh of each stored reading of {@code meter} with {@code fromMillis <= ts < toMillis}, by ts; empty
     * before the table exists.
     */
    Map<Long, Double> energyByTs(String meter, long fromMillis, long toMillis) throws SQLException {
        String table = prefix + ReadingSchema.TABLE;
        String sql = "SELECT " + ReadingSchema.TS + ", energyKwh FROM " + table + " WHERE " + ReadingSchema.METER
                + " = ? AND " + ReadingSchema.TS + " >= ? AND " + ReadingSchema.TS + " < ? ORDER BY "
                + ReadingSchema.TS;
        Map<Long, Double> out = new LinkedHashMap<>();
        try (Connection c = questdb.connect();
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, meter);
            q.setTimestamp(2, utc(fromMillis));
            q.setTimestamp(3, utc(toMillis));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long ts = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli();
                    Double previous = out.put(ts, rs.getDouble(2));
                    if (previous != null) {
                        throw new AssertionError("two rows for " + meter + " at " + Instant.ofEpochMilli(ts));
                    }
                }
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return out;
            }
            throw e;
        }
        return out;
    }

    /** QuestDB timestamps are UTC without a zone. */
    private static Timestamp utc(long millis) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    @Override
    public void close() {
        questdb.close();
    }
}
