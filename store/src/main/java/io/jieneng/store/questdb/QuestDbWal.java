package io.jieneng.store.questdb;

import io.jieneng.store.StoreException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for QuestDB to apply committed writes: "visible" means {@code wal_tables()} reports the table's writer
 * caught up with the sequencer transaction that existed when the wait began.
 */
final class QuestDbWal {

    private final QuestDb questdb;

    QuestDbWal(QuestDb questdb) {
        this.questdb = questdb;
    }

    void awaitApplied(List<String> tables, Duration timeout) {
        Map<String, Long> target = new HashMap<>();
        walState(tables, (name, writerTxn, sequencerTxn) -> target.put(name, sequencerTxn));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> behind = new ArrayList<>();
            walState(tables, (name, writerTxn, sequencerTxn) -> {
                if (writerTxn < target.getOrDefault(name, 0L)) {
                    behind.add(name);
                }
            });
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException("QuestDB has not applied the write-ahead log of " + behind + " within "
                        + timeout.toMillis() + " ms", null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private interface WalRow {
        void accept(String name, long writerTxn, long sequencerTxn) throws SQLException;
    }

    private void walState(List<String> tables, WalRow out) {
        questdb.query(new Sql("SELECT name, writerTxn, sequencerTxn, suspended FROM wal_tables() WHERE name IN (")
                .values(tables).text(")"), rs -> {
            if (rs.getBoolean(4)) {
                throw new StoreException("QuestDB suspended the WAL table " + rs.getString(1)
                        + "; see its log and resume it with ALTER TABLE ... RESUME WAL", null);
            }
            out.accept(rs.getString(1), rs.getLong(2), rs.getLong(3));
        });
    }
}
