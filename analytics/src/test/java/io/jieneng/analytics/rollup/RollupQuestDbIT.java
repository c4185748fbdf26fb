package io.jieneng.analytics.rollup;

import io.jieneng.analytics.platform.EmbeddedQuestDb;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Registry;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
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
    Store open(MutableClock clock) throws Exception {
        root = Files.createTempDirectory("rollup-questdb-it");
        questdb = EmbeddedQuestDb.start(root, 0, 0);
        prefix = "ru_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        return Stores.open(settings(), Registry::empty, clock);
    }

    @Override
    void writeWithoutMarkers(List<Reading> readings) {
        try (Sender sender = Sender.fromConfig("http::addr=127.0.0.1:" + questdb.httpPort() + ";")) {
            for (Reading r : readings) {
                sender.table(prefix + ReadingSchema.TABLE).symbol(ReadingSchema.METER, r.meterId());
                r.values().forEach((f, v) -> sender.doubleColumn(f.jsonName(), v));
                if (r.values().isEmpty()) {
                    sender.doubleColumn(ReadingField.POWER_KW.jsonName(), 0.0);
                }
                sender.at(r.tsMillis(), ChronoUnit.MILLIS);
            }
        }
    }

    @Override
    Store anotherStore() {
        return Stores.open(settings(), Registry::empty);
    }

    private StoreSettings settings() {
        return StoreSettings.questDb(questdb.httpUrl(), prefix).withQuestDbPg(questdb.pgJdbcUrl(), "admin", "quest");
    }

    @Override
    void closeStore() throws Exception {
        questdb.close();
        deleteTree(root);
    }
}
