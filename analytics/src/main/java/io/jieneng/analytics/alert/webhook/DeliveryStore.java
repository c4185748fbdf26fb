package io.jieneng.analytics.alert.webhook;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook outbox (table {@code alert_delivery}, migration V4). Deliveries are written in the transaction of
 * the alert change they announce; senders claim due ones under {@code FOR UPDATE SKIP LOCKED} and hold them by
 * a lease (their due time moved past the attempt's timeout), so a sender that dies mid-attempt leaves them to be
 * retried, and two instances never send the same attempt.
 */
public final class DeliveryStore {

    /** A delivery claimed for one attempt. */
    public record Claimed(long id, long alertId, long eventId, String url, String payload, int attempts) {
    }

    private static final String COLUMNS = "d.id, d.alert_id, d.event_id, e.kind, d.url, d.state, d.attempts, "
            + "d.created_at, d.last_attempt_at, d.last_status, d.last_error, d.next_attempt_at, d.delivered_at";

    private final DataSource db;
    private final ZoneId zone;

    public DeliveryStore(DataSource db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    /** Adds one pending delivery of {@code payload} per URL, inside the caller's transaction {@code c}. */
    public static void enqueue(Connection c, long alertId, long eventId, String payload, List<String> urls,
                               Instant now) throws SQLException {
        if (urls.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_delivery (event_id, alert_id, url, "
                + "payload, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)")) {
            for (String url : urls) {
                ps.setLong(1, eventId);
                ps.setLong(2, alertId);
                ps.setString(3, url);
                ps.setString(4, payload);
                ps.setObject(5, utc(now));
                ps.setObject(6, utc(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Claims at most {@code max} due pending deliveries and holds them until {@code now + lease}. */
    public List<Claimed> claimDue(Instant now, Duration lease, int max) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Claimed> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, alert_id, event_id, url, payload, "
                        + "attempts FROM alert_delivery WHERE state = 'pending' AND next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at, id FETCH FIRST " + max + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                    ps.setObject(1, utc(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Claimed(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                                    rs.getString(5), rs.getInt(6)));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE alert_delivery SET next_attempt_at = ? WHERE id = ?")) {
                    for (Claimed d : out) {
                        ps.setObject(1, utc(now.plus(lease)));
                        ps.setLong(2, d.id());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot claim webhook deliveries: " + e.getMessage(), e);
        }
    }

    /** Records a successful attempt. */
    public void delivered(long id, int attempts, int status, Instant at) {
        update("UPDATE alert_delivery SET state = 'delivered', attempts = ?, last_attempt_at = ?, last_status = ?, "
                + "last_error = NULL, delivered_at = ? WHERE id = ?", ps -> {
            ps.setInt(1, attempts);
            ps.setObject(2, utc(at));
            ps.setInt(3, status);
            ps.setObject(4, utc(at));
            ps.setLong(5, id);
        });
    }

    /** Records a failed attempt: due again at {@code retryAt}, or failed for good when that is null. */
    public void attemptFailed(long id, int attempts, Integer status, String error, Instant at, Instant retryAt) {
        update("UPDATE alert_delivery SET state = ?, attempts = ?, last_attempt_at = ?, last_status = ?, "
                + "last_error = ?, next_attempt_at = ? WHERE id = ?", ps -> {
            ps.setString(1, retryAt == null ? "failed" : "pending");
            ps.setInt(2, attempts);
            ps.setObject(3, utc(at));
            if (status == null) {
                ps.setNull(4, java.sql.Types.INTEGER);
            } else {
                ps.setInt(4, status);
            }
            ps.setString(5, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setObject(6, utc(retryAt == null ? at : retryAt));
            ps.setLong(7, id);
        });
    }

    /** Puts a failed delivery back in the queue, due now, with its attempts reset; false when it is not failed. */
    public boolean retry(long id, Instant now) {
        return update("UPDATE alert_delivery SET state = 'pending', attempts = 0, next_attempt_at = ? "
                + "WHERE id = ? AND state = 'failed'", ps -> {
            ps.setObject(1, utc(now));
            ps.setLong(2, id);
        }) == 1;
    }

    /** Every delivery of alert {@code alertId}, oldest first. */
    public List<Delivery> ofAlert(long alertId) {
        return query("SELECT " + COLUMNS + " FROM alert_delivery d JOIN alert_event e ON e.id = d.event_id "
                + "WHERE d.alert_id = ? ORDER BY d.id", alertId);
    }

    /** The delivery {@code id}, if it exists. */
    public List<Delivery> byId(long id) {
        return query("SELECT " + COLUMNS + " FROM alert_delivery d JOIN alert_event e ON e.id = d.event_id "
                + "WHERE d.id = ?", id);
    }

    /** The number of deliveries in {@code state}. */
    public long count(String state) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alert_delivery WHERE state = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count webhook deliveries: " + e.getMessage(), e);
        }
    }

    private List<Delivery> query(String sql, long param) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, param);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt(10);
                    Integer lastStatus = rs.wasNull() ? null : status;
                    out.add(new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            Delivery.redact(rs.getString(5)), rs.getString(6), rs.getInt(7), iso(rs, 8),
                            iso(rs, 9), lastStatus, rs.getString(11),
                            "pending".equals(rs.getString(6)) ? iso(rs, 12) : null, iso(rs, 13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read webhook deliveries: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update a webhook delivery: " + e.getMessage(), e);
        }
    }

    private String iso(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : TimeRange.iso(t.toInstant(), zone);
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
