package io.jieneng.store.questdb;

import io.jieneng.store.Store;
import io.jieneng.store.StoreException;
import io.jieneng.store.StoreSettings;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Opens a QuestDB store (embedded or standalone): its parts share one {@link QuestDb} helper, hence one pool. */
public final class QuestDbStore {

    private static final Logger LOG = Logger.getLogger(QuestDbStore.class);
    /**
     * One writer: it keeps up with the MQTT side on 2 cores, and every further one adds a write-ahead-log segment
     * to merge.
     */
    private static final int DEFAULT_WRITERS = 1;

    private QuestDbStore() {
    }

    /** Opens the store of {@code settings}; called by {@link io.jieneng.store.Stores#open} only. */
    public static Store open(StoreSettings settings, Clock clock) {
        QuestDb questdb = new QuestDb(settings);
        try {
            questdb.ensureTables();
        } catch (StoreException e) {
            LOG.warnf("QuestDB at %s is not reachable yet; the tables are created before the first write: %s",
                    settings.questDbUrl(), e.getMessage());
        }
        QuestDbRollups rollups = new QuestDbRollups(questdb);
        QuestDbUpserts upserts = new QuestDbUpserts(questdb);
        return new Store(() -> new QuestDbSink(questdb, upserts, clock), new QuestDbReader(questdb), rollups,
                DEFAULT_WRITERS, () -> {
                    rollups.close();
                    questdb.close();
                });
    }
}
