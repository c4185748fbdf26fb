package io.jieneng.ingest.it;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One embedded QuestDB for the protocol ITs of this JVM, started on first use and stopped at exit. Each test class
 * writes to its own table prefix ({@link #newTable()}), so the classes never see each other's rows.
 */
final class SharedQuestDb {

    /** A table of this QuestDB: the sink that writes it and the query that reads it back. */
    record Table(ReadingSink sink, String name) {

        /** The readings of {@code meterId}, ordered by time. */
        List<StoredReading> stored(String meterId) throws Exception {
            String sql = "SELECT " + ReadingSchema.TS + ", " + String.join(", ", ReadingSchema.FIELDS) + " FROM "
                    + name + " WHERE " + ReadingSchema.METER + " = ? ORDER BY " + ReadingSchema.TS;
            List<StoredReading> out = new ArrayList<>();
            try (Connection c = instance().questdb.connect();
                 PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, meterId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Double> values = new LinkedHashMap<>();
                        for (String f : ReadingSchema.FIELDS) {
                            double v = rs.getDouble(f);
                            if (!rs.wasNull()) {
                                values.put(f, v);
                            }
                        }
                        long ts = rs.getObject(ReadingSchema.TS, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                                .toEpochMilli();
                        out.add(new StoredReading(meterId, ts, values));
                    }
                }
            } catch (java.sql.SQLException e) {
                if (String.valueOf(e.getMessage()).contains("does not exist")) {
                    return out;
                }
                throw e;
            }
            return out;
        }
    }

    private static SharedQuestDb instance;

    private final TestQuestDb questdb;

    private SharedQuestDb() throws IOException {
        questdb = TestQuestDb.start("protocol-it");
        Runtime.getRuntime().addShutdownHook(new Thread(questdb::close, "questdb-it-stop"));
    }

    static synchronized SharedQuestDb instance() throws IOException {
        if (instance == null) {
            instance = new SharedQuestDb();
        }
        return instance;
    }

    /** A new table (prefix) of the shared QuestDB. */
    static Table newTable() throws IOException {
        SharedQuestDb db = instance();
        String prefix = TestQuestDb.newPrefix("it");
        // A writing-only QuestDB store holds no pool, only its HTTP client: nothing to close but the sink.
        return new Table(Stores.open(StoreSettings.questDb(db.questdb.httpUrl(), prefix), Registry::empty).newSink(),
                prefix + ReadingSchema.TABLE);
    }
}
