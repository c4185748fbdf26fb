package io.jieneng.store;

import io.jieneng.store.testing.TestQuestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Arrival markers in an embedded QuestDB, read back over its PostgreSQL wire protocol. */
class QuestDbSinkMarkersIT extends SinkMarkersContract {

    static TestQuestDb questdb;
    static String prefix;

    @BeforeAll
    static void start() throws Exception {
        questdb = TestQuestDb.start("markers-it");
        prefix = TestQuestDb.newPrefix("mk");
    }

    @AfterAll
    static void stop() {
        if (questdb != null) {
            questdb.close();
        }
    }

    @Override
    StoreSettings settings() {
        return StoreSettings.questDb(questdb.httpUrl(), prefix);
    }

    @Override
    List<StoredMarker> markers(String meter) throws Exception {
        String table = prefix + ReadingSchema.ARRIVALS;
        // The write returned once the WAL commit was durable; applying it to the table follows moments later.
        questdb.awaitTable(table);
        String sql = "SELECT cast(ts as long), fromTs, toTs FROM " + table + " WHERE meter = ? ORDER BY ts";
        List<StoredMarker> out = new ArrayList<>();
        try (Connection c = questdb.connect();
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, meter);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredMarker(rs.getLong(1) / 1000, rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }
}
