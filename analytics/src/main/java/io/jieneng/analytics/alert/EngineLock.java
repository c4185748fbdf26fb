package io.jieneng.analytics.alert;

import io.jieneng.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The alert engine's row in {@code alert_engine} (migration V4), taken with {@code FOR UPDATE SKIP LOCKED}: when
 * analytics instances share the registry database, exactly one evaluates at a time and the others skip the run
 * instead of queueing behind it.
 */
final class EngineLock {

    private final DataSource db;

    EngineLock(DataSource db) {
        this.db = db;
    }

    /**
     * Runs {@code work} while holding the engine's row lock, and records the run; empty without running it when
     * another instance holds the lock.
     */
    <T> Optional<T> underEngineLock(Instant asOf, Instant now, Supplier<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT engine_key FROM alert_engine "
                        + "WHERE engine_key = 'alerts' FOR UPDATE SKIP LOCKED"); ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return Optional.empty();
                    }
                }
                T result = work.get();
                try (PreparedStatement ps = c.prepareStatement("UPDATE alert_engine SET last_run_at = ?, "
                        + "last_as_of = ? WHERE engine_key = 'alerts'")) {
                    ps.setObject(1, now.atOffset(ZoneOffset.UTC));
                    ps.setObject(2, asOf.atOffset(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                c.commit();
                return Optional.of(result);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot take the alert engine's lock: " + e.getMessage(), e);
        }
    }

}
