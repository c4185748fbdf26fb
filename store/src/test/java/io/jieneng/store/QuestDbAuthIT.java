package io.jieneng.store;

import io.jieneng.devices.reading.Reading;
import io.jieneng.store.testing.TestQuestDb;
import io.jieneng.store.testing.TestRegistry;
import io.questdb.client.Sender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An external QuestDB that requires HTTP basic authentication ({@code http.user}/{@code http.password}, which open
 * source QuestDB enforces on its whole HTTP endpoint): the store's table creation ({@code /exec}) and its
 * line-protocol writes get through with the configured credentials, and are refused without them.
 */
class QuestDbAuthIT {

    static final String USER = "jieneng-writer";
    // A ';' in the password checks the escaping in the line-protocol client's configuration string.
    static final String PASSWORD = "9f2c6a1e;4b7d8c03e5f1a2b3c4d5e6f7";

    static TestQuestDb questdb;

    @BeforeAll
    static void start() throws Exception {
        questdb = TestQuestDb.start("auth-it", Map.of("QDB_HTTP_USER", USER, "QDB_HTTP_PASSWORD", PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (questdb != null) {
            questdb.close();
        }
    }

    @Test
    void theSinkCreatesTablesAndWritesWithTheCredentials() throws Exception {
        String prefix = TestQuestDb.newPrefix("auth");
        StoreSettings settings = StoreSettings.questDb(questdb.httpUrl(), prefix)
                .withQuestDbHttpAuth(new QuestDbCredentials(USER, PASSWORD, null));
        long ts = 1_767_225_600_000L;
        try (Store store = Stores.open(settings, TestRegistry::registry);
             ReadingSink sink = store.newSink()) {
            sink.write(List.of(new Reading("m-1", ts, 12.5, null, null, null, 1.5, null, null)));
        }
        String table = prefix + ReadingSchema.TABLE;
        questdb.awaitTable(table);
        List<String> rows = new ArrayList<>();
        try (Connection c = questdb.connect();
             PreparedStatement q = c.prepareStatement("SELECT meter, cast(ts as long), "
                     + ReadingSchema.column(io.jieneng.devices.reading.ReadingField.ENERGY_KWH) + " FROM " + table);
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "@" + rs.getLong(2) / 1000 + "=" + rs.getDouble(3));
            }
        }
        assertThat(rows).containsExactly("m-1@" + ts + "=12.5");
    }

    @Test
    void withoutCredentialsQuestDbRefusesTheTableCreationAndTheWrites() {
        StoreSettings anonymous = StoreSettings.questDb(questdb.httpUrl(), TestQuestDb.newPrefix("anon"));
        try (Store store = Stores.open(anonymous, TestRegistry::registry);
             ReadingSink sink = store.newSink()) {
            assertThatThrownBy(() -> sink.write(List.of(new Reading("m-1", 1_767_225_600_000L, 1.0, null, null,
                    null, null, null, null))))
                    .isInstanceOf(StoreException.class)
                    // A refused login is transient, never a refusal of the readings: nothing is quarantined.
                    .isNotInstanceOf(StoreRefusedException.class)
                    .hasMessageContaining("HTTP 401");
        }
        String address = questdb.httpUrl().substring("http://".length());
        try (Sender sender = Sender.fromConfig("http::addr=" + address + ";auto_flush=off;retry_timeout=0;")) {
            sender.table("probe").doubleColumn("v", 1.0).at(1_767_225_600_000L, ChronoUnit.MILLIS);
            assertThatThrownBy(sender::flush).hasMessageContaining("401");
            // Nothing of the refused buffer is to be sent again on close.
            sender.reset();
        }
    }
}
