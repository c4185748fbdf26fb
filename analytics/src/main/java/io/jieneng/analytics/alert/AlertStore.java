package io.jieneng.analytics.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.analytics.alert.webhook.DeliveryStore;
import io.jieneng.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts and their history in the registry database (tables {@code alert}, {@code alert_event}, migration V4).
 * Every state change writes its event and its webhook deliveries in the same transaction as the change.
 */
public final class AlertStore {

    /** The actor of the engine's own changes in the history. */
    public static final String ENGINE = "engine";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, alert_type, institution_id, meter_id, severity, status, opened_at, "
            + "resolved_at, message, measured, threshold, unit, period, acknowledged_at, acknowledged_by";

    private final DataSource db;
    private final ZoneId zone;

    /** The body POSTed to webhooks: the change and the alert as it is after it. */
    public record WebhookPayload(String event, long eventId, String occurredAt, Alert alert) {
    }

    public AlertStore(DataSource db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    /** Every open or acknowledged alert. */
    public List<Reconciler.ActiveAlert> unresolved() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, alert_type, subject, period FROM alert "
                     + "WHERE status <> 'resolved'"); ResultSet rs = ps.executeQuery()) {
            List<Reconciler.ActiveAlert> out = new ArrayList<>();
            while (rs.next()) {
                Optional<AlertType> type = AlertType.parse(rs.getString(2));
                if (type.isPresent()) {
                    out.add(new Reconciler.ActiveAlert(rs.getLong(1),
                            new AlertKey(type.get(), rs.getString(3), rs.getString(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read alerts: " + e.getMessage(), e);
        }
    }

    /** For each key, the id of its latest resolved alert, if any. */
    public Map<AlertKey, Long> latestResolved(Set<AlertKey> keys) {
        Map<AlertKey, Long> out = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM alert WHERE alert_type = ? AND "
                     + "subject = ? AND period = ? AND status = 'resolved'")) {
            for (AlertKey k : keys) {
                ps.setString(1, k.type().jsonName());
                ps.setString(2, k.subject());
                ps.setString(3, k.period());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        out.put(k, rs.getLong(1));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read alerts: " + e.getMessage(), e);
        }
    }

    /** Applies a run's plan in one transaction; every change gets its event and webhook deliveries. */
    public void apply(Reconciler.Plan plan, Instant at, List<String> webhookUrls) {
        inTransaction(c -> {
            for (Finding f : plan.opens()) {
                long id = insert(c, f, at);
                event(c, id, at, "opened", AlertStatus.OPEN, f.value(), ENGINE, f.message(), webhookUrls);
            }
            for (Map.Entry<Long, Finding> e : plan.reopens().entrySet()) {
                if (reopen(c, e.getKey(), e.getValue(), at)) {
                    event(c, e.getKey(), at, "reopened", AlertStatus.OPEN, e.getValue().value(), ENGINE,
                            e.getValue().message(), webhookUrls);
                }
            }
            for (Map.Entry<Long, Clearance> e : plan.resolves().entrySet()) {
                if (resolve(c, e.getKey(), at)) {
                    event(c, e.getKey(), at, "resolved", AlertStatus.RESOLVED, e.getValue().value(), ENGINE,
                            e.getValue().note(), webhookUrls);
                }
            }
            return null;
        });
    }

    /**
     * Marks an open alert acknowledged by {@code user}. An acknowledged alert is returned unchanged; empty when
     * the alert does not exist. A resolved alert is returned unchanged too: the caller decides what that means.
     */
    public Optional<Alert> acknowledge(long id, String user, Instant at, List<String> webhookUrls) {
        return inTransaction(c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET status = 'acknowledged', "
                    + "acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND status = 'open'")) {
                ps.setObject(1, utc(at));
                ps.setString(2, user);
                ps.setLong(3, id);
                changed = ps.executeUpdate();
            }
            if (changed == 1) {
                event(c, id, at, "acknowledged", AlertStatus.ACKNOWLEDGED, null, user, null, webhookUrls);
            }
            return find(c, id);
        });
    }

    public Optional<Alert> find(long id) {
        return inTransaction(c -> find(c, id));
    }

    /** The alerts {@code filter} selects, newest first. */
    public List<Alert> list(AlertFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().jsonName());
        }
        if (filter.type() != null) {
            sql.append(" AND alert_type = ?");
            params.add(filter.type().jsonName());
        }
        if (filter.institutionId() != null) {
            sql.append(" AND institution_id = ?");
            params.add(filter.institutionId());
        }
        if (filter.meterId() != null) {
            sql.append(" AND meter_id = ?");
            params.add(filter.meterId());
        }
        sql.append(" ORDER BY id DESC");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            ps.setFetchSize(500);
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                // Visibility is checked row by row: a region user's institutions can be too many for an IN list.
                while (out.size() < filter.limit() && rs.next()) {
                    if (filter.visible().test(rs.getString(3))) {
                        out.add(alert(rs));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read alerts: " + e.getMessage(), e);
        }
    }

    /** The state changes of alert {@code id}, oldest first. */
    public List<AlertEvent> history(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, alert_id, occurred_at, kind, status, measured, "
                     + "actor, note FROM alert_event WHERE alert_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            List<AlertEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertEvent(rs.getLong(1), rs.getLong(2), iso(rs, 3), rs.getString(4),
                            AlertStatus.parse(rs.getString(5)).orElseThrow(), dbl(rs, 6), rs.getString(7),
                            rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read alert history: " + e.getMessage(), e);
        }
    }

    /** The number of unresolved alerts per type. */
    public Map<AlertType, Long> countUnresolved() {
        Map<AlertType, Long> out = new LinkedHashMap<>();
        for (AlertType t : AlertType.values()) {
            out.put(t, 0L);
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT alert_type, COUNT(*) FROM alert "
                     + "WHERE status <> 'resolved' GROUP BY alert_type"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String type = rs.getString(1);
                long n = rs.getLong(2);
                AlertType.parse(type).ifPresent(t -> out.put(t, n));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot count alerts: " + e.getMessage(), e);
        }
    }

    private long insert(Connection c, Finding f, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert (alert_type, subject, period, "
                + "institution_id, meter_id, severity, status, opened_at, message, measured, threshold, unit, "
                + "active_key) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            AlertKey k = f.key();
            ps.setString(1, k.type().jsonName());
            ps.setString(2, k.subject());
            ps.setString(3, k.period());
            ps.setString(4, f.institutionId());
            ps.setString(5, f.meterId());
            ps.setString(6, k.type().severity().jsonName());
            ps.setObject(7, utc(at));
            ps.setString(8, clip(f.message()));
            setDouble(ps, 9, f.value());
            setDouble(ps, 10, f.threshold());
            ps.setString(11, f.unit());
            ps.setString(12, k.activeKey());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private boolean reopen(Connection c, long id, Finding f, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET status = 'open', opened_at = ?, "
                + "resolved_at = NULL, acknowledged_at = NULL, acknowledged_by = NULL, message = ?, measured = ?, "
                + "threshold = ?, unit = ?, active_key = ? WHERE id = ? AND status = 'resolved'")) {
            ps.setObject(1, utc(at));
            ps.setString(2, clip(f.message()));
            setDouble(ps, 3, f.value());
            setDouble(ps, 4, f.threshold());
            ps.setString(5, f.unit());
            ps.setString(6, f.key().activeKey());
            ps.setLong(7, id);
            return ps.executeUpdate() == 1;
        }
    }

    private boolean resolve(Connection c, long id, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET status = 'resolved', resolved_at = ?, "
                + "active_key = NULL WHERE id = ? AND status <> 'resolved'")) {
            ps.setObject(1, utc(at));
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    private void event(Connection c, long alertId, Instant at, String kind, AlertStatus status, Double value,
                       String actor, String note, List<String> webhookUrls) throws SQLException {
        long eventId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_event (alert_id, occurred_at, kind, "
                + "status, measured, actor, note) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, alertId);
            ps.setObject(2, utc(at));
            ps.setString(3, kind);
            ps.setString(4, status.jsonName());
            setDouble(ps, 5, value);
            ps.setString(6, actor);
            ps.setString(7, note == null ? null : clip(note));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                eventId = keys.getLong(1);
            }
        }
        if (!webhookUrls.isEmpty()) {
            Alert alert = find(c, alertId).orElseThrow();
            DeliveryStore.enqueue(c, alertId, eventId, payload(new WebhookPayload(kind, eventId,
                    Alert.iso(at, zone), alert)), webhookUrls, at);
        }
    }

    private static String payload(WebhookPayload p) {
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a webhook payload", e);
        }
    }

    private Optional<Alert> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(alert(rs)) : Optional.empty();
            }
        }
    }

    private Alert alert(ResultSet rs) throws SQLException {
        AlertType type = AlertType.parse(rs.getString(2)).orElseThrow(() -> new IllegalStateException(
                "unknown alert type in the database"));
        String period = rs.getString(13);
        return new Alert(rs.getLong(1), type, rs.getString(3), rs.getString(4), type.severity(),
                AlertStatus.parse(rs.getString(6)).orElseThrow(), iso(rs, 7), iso(rs, 8), rs.getString(9),
                dbl(rs, 10), dbl(rs, 11), rs.getString(12), period == null || period.isEmpty() ? null : period,
                iso(rs, 14), rs.getString(15));
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write alerts: " + e.getMessage(), e);
        }
    }

    private String iso(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : Alert.iso(t.toInstant(), zone);
    }

    private static Double dbl(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || !Double.isFinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 1997) + "..." : s;
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
