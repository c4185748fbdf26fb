package io.jieneng.store;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.testing.TestQuestDb;
import io.jieneng.store.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * QuestDB's permanent refusal: a value that does not fit its column (here a readings table whose {@code powerKw}
 * column someone made a BOOLEAN) is answered with HTTP 400, which the sink reports as a
 * {@link StoreRefusedException} carrying QuestDB's message, while the same write of other readings succeeds. The
 * batch writer's splitting on that exception is tested in ingest ({@code RefusedReadingsTest}).
 */
class QuestDbRefusalIT {

    static TestQuestDb questdb;

    @BeforeAll
    static void start() throws Exception {
        questdb = TestQuestDb.start("refusal-it");
    }

    @AfterAll
    static void stop() {
        if (questdb != null) {
            questdb.close();
        }
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsARefusalAndTheOtherReadingsAreStored() throws Exception {
        String prefix = TestQuestDb.newPrefix("refuse");
        String table = prefix + ReadingSchema.TABLE;
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (meter SYMBOL");
        for (ReadingField f : ReadingField.values()) {
            ddl.append(", ").append(ReadingSchema.column(f))
                    .append(f == ReadingField.POWER_KW ? " BOOLEAN" : " DOUBLE");
        }
        ddl.append(", ts TIMESTAMP) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, meter)");
        try (Connection c = questdb.connect(); Statement s = c.createStatement()) {
            s.execute(ddl.toString());
        }
        long ts = 1_767_225_600_000L;
        Reading good = new Reading("m-1", ts, 1.0, null, null, null, null, null, null);
        Reading bad = new Reading("m-2", ts, 2.0, null, null, null, 7.5, null, null);
        try (Store store = Stores.open(StoreSettings.questDb(questdb.httpUrl(), prefix), TestRegistry::registry);
             ReadingSink sink = store.newSink()) {
            assertThatThrownBy(() -> sink.write(List.of(good, bad)))
                    .isInstanceOf(StoreRefusedException.class)
                    .hasMessageContaining("http-status=400");
            // The same sink goes on writing what QuestDB takes.
            sink.write(List.of(good));
        }
        questdb.awaitTable(table);
        List<String> rows = new ArrayList<>();
        try (Connection c = questdb.connect();
             PreparedStatement q = c.prepareStatement("SELECT meter FROM " + table);
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        assertThat(rows).containsExactly("m-1");
    }
}
