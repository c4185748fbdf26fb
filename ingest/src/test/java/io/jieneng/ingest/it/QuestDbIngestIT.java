package io.jieneng.ingest.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/**
 * The whole path into an embedded QuestDB (the protocol ITs' shared one, on a table prefix of this class), read
 * back over its PostgreSQL wire protocol.
 */
class QuestDbIngestIT extends StoreIngestContract {

    static SharedQuestDb.Table table;

    @BeforeAll
    static void start() throws Exception {
        table = SharedQuestDb.newTable();
        startIngest(table.sink());
    }

    @AfterAll
    static void stop() {
        stopIngest();
    }

    @Override
    List<StoredReading> stored(String meterId) throws Exception {
        return table.stored(meterId);
    }
}
