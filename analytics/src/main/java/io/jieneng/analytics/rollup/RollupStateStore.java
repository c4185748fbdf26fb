package io.jieneng.analytics.rollup;

import io.jieneng.store.RollupStore;
import io.jieneng.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The job's watermark in the registry database (table {@code rollup_state}, migration V3). The job works under a
 * row lock taken with {@code SKIP LOCKED}, so when several analytics instances share the database exactly one
 * runs at a time and the others skip their turn instead of queueing. Queries read the row without a lock; a stale
 * watermark only makes them compute more from raw readings, never less.
 */
public final class RollupStateStore {

    private final DataSource db;
    private final String key;

    /** @param key the store the state belongs to ({@link RollupStore#stateKey()}) */
    public RollupStateStore(DataSource db, String key) {
        this.db = db;
        this.key = key;
    }

    /** The committed state; {@link RollupState#FRESH} before the job first ran. */
    public RollupState read() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT watermark_ms, initialized FROM rollup_state WHERE store_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new RollupState(rs.getLong(1), rs.getBoolean(2)) : RollupState.FRESH;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the rollup state: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} on the current state while holding the row lock and commits what it returns. Returns
     * empty without running it when another instance holds the lock. If {@code work} throws, nothing changes.
     */
    public Optional<RollupState> underLock(UnaryOperator<RollupState> work) {
        ensureRow();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                RollupState current;
                try (PreparedStatement ps = c.prepareStatement("SELECT watermark_ms, initialized FROM rollup_state "
                        + "WHERE store_key = ? FOR UPDATE SKIP LOCKED")) {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                        current = new RollupState(rs.getLong(1), rs.getBoolean(2));
                    }
                }
                RollupState next = work.apply(current);
                try (PreparedStatement ps = c.prepareStatement("UPDATE rollup_state SET watermark_ms = ?, "
                        + "initialized = ?, updated_at = ? WHERE store_key = ?")) {
                    ps.setLong(1, next.watermarkMillis());
                    ps.setBoolean(2, next.initialized());
                    ps.setTimestamp(3, Timestamp.from(Instant.now()));
                    ps.setString(4, key);
                    ps.executeUpdate();
                }
                c.commit();
                return Optional.of(next);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot update the rollup state: " + e.getMessage(), e);
        }
    }

    private void ensureRow() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_state (store_key, watermark_ms, "
                     + "initialized, updated_at) SELECT ?, 0, FALSE, ? WHERE NOT EXISTS "
                     + "(SELECT 1 FROM rollup_state WHERE store_key = ?)")) {
            ps.setString(1, key);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Another instance inserted the row between our check and insert: the row exists, which is all we need.
            if (!"23505".equals(e.getSQLState())) {
                throw new StoreException("cannot create the rollup state: " + e.getMessage(), e);
            }
        }
    }
}
