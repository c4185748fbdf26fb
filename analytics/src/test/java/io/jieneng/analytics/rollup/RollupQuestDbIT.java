package io.jieneng.analytics.rollup;

import io.jieneng.analytics.platform.EmbeddedQuestDb;
import io.jieneng.analytics.store.QuestDbReadingStore;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.ingest.sink.QuestDbSink;
import io.jieneng.ingest.sink.ReadingSchema;
import io.questdb.client.Sender;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The rollups on an embedded QuestDB started by the test, as the platform runs it (sync commits). */
class RollupQuestDbIT extends RollupStoreContract {

    private Path root;
    private EmbeddedQuestDb questdb;
    private String prefix;

    @Override
    Parts open(MutableClock clock) throws Exception {
        root = Files.createTempDirectory("rollup-questdb-it");
        questdb = EmbeddedQuestDb.start(root, 0, 0);
        prefix = "ru_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        return new Parts(new QuestDbSink(questdb.httpUrl(), prefix, clock),
                new QuestDbReadingStore(questdb.pgJdbcUrl(), "admin", "quest", prefix),
                new QuestDbRollupStore(questdb.httpUrl(), questdb.pgJdbcUrl(), "admin", "quest", prefix));
    }

    @Override
    void writeWithoutMarkers(List<Reading> readings) {
        try (Sender sender = Sender.fromConfig("http::addr=127.0.0.1:" + questdb.httpPort() + ";")) {
            for (Reading r : readings) {
                sender.table(ReadingSchema.questDbTable(prefix)).symbol(ReadingSchema.METER, r.meterId());
                r.values().forEach((f, v) -> sender.doubleColumn(f.jsonName(), v));
                if (r.values().isEmpty()) {
                    sender.doubleColumn(ReadingField.POWER_KW.jsonName(), 0.0);
                }
                sender.at(r.tsMillis(), ChronoUnit.MILLIS);
            }
        }
    }

    @Override
    RollupStore anotherRollupStore() {
        return new QuestDbRollupStore(questdb.httpUrl(), questdb.pgJdbcUrl(), "admin", "quest", prefix);
    }

    @Override
    void closeStore() throws Exception {
        questdb.close();
        deleteTree(root);
    }
}
