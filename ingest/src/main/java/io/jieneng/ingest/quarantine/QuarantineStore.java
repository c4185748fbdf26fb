package io.jieneng.ingest.quarantine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The quarantine table of the registry database (Flyway {@code V2__quarantine.sql}); plain JDBC that runs on H2
 * and PostgreSQL. It keeps the newest {@code maxRows} messages: each insert deletes the rows more than
 * {@code maxRows} ids older, which walks the primary key and costs nothing when there is nothing to delete.
 * Identity gaps only ever make it keep fewer rows, never more.
 */
public final class QuarantineStore {

    /** Payload bytes kept per message; Base64 of this still fits the 1,000,000-character column. */
    static final int MAX_PAYLOAD_BYTES = 700_000;
    private static final int MAX_DETAIL = 4000;
    private static final int MAX_ID = 255;

    private static final String INSERT = "INSERT INTO quarantine (received_at, device_id, meter_id, topic, reason, "
            + "detail, payload) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String PRUNE = "DELETE FROM quarantine WHERE id <= ?";
    private static final String COLUMNS = "SELECT id, received_at, device_id, meter_id, topic, reason, detail, "
            + "payload FROM quarantine ";
    private static final String NEWEST = COLUMNS + "ORDER BY id DESC FETCH FIRST ? ROWS ONLY";
    private static final String NEWEST_OF_DEVICE = COLUMNS + "WHERE device_id = ? OR meter_id = ? ORDER BY id DESC "
            + "FETCH FIRST ? ROWS ONLY";

    private final DataSource dataSource;
    private final int maxRows;

    /** @param maxRows how many of the newest messages to keep (at least 1) */
    public QuarantineStore(DataSource dataSource, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        this.dataSource = dataSource;
        this.maxRows = maxRows;
    }

    /** Stores {@code message} in one transaction with the pruning, and returns its id. Blocks: never call it on
     * an event loop. */
    public long add(RejectedMessage message) throws SQLException {
        byte[] payload = message.payload();
        String detail = message.detail();
        if (payload.length > MAX_PAYLOAD_BYTES) {
            detail = "(payload truncated to " + MAX_PAYLOAD_BYTES + " of " + payload.length + " bytes) " + detail;
            payload = Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long id = insert(c, message, clip(detail, MAX_DETAIL), PayloadText.of(payload));
                try (PreparedStatement prune = c.prepareStatement(PRUNE)) {
                    prune.setLong(1, id - maxRows);
                    prune.executeUpdate();
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static long insert(Connection c, RejectedMessage m, String detail, String payload) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, OffsetDateTime.ofInstant(m.receivedAt().truncatedTo(ChronoUnit.MILLIS),
                    ZoneOffset.UTC));
            insert.setString(2, m.deviceId() == null ? null : text(clip(m.deviceId(), MAX_ID)));
            insert.setString(3, m.meterId() == null ? null : text(clip(m.meterId(), MAX_ID)));
            insert.setString(4, text(m.topic()));
            insert.setString(5, m.reason().code());
            insert.setString(6, text(detail));
            insert.setString(7, payload);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the quarantined message");
                }
                return keys.getLong("id");
            }
        }
    }

    /**
     * The newest quarantined messages first, at most {@code limit} of them; with {@code deviceId}, only those that
     * device sent or that name it as the meter (so a meter's messages sent through a gateway are found too).
     */
    public List<QuarantineEntry> recent(Optional<String> deviceId, int limit) throws SQLException {
        if (limit < 1) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(deviceId.isPresent() ? NEWEST_OF_DEVICE : NEWEST)) {
            int i = 1;
            if (deviceId.isPresent()) {
                q.setString(i++, deviceId.get());
                q.setString(i++, deviceId.get());
            }
            q.setInt(i, limit);
            List<QuarantineEntry> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new QuarantineEntry(rs.getLong("id"),
                            rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                            rs.getString("device_id"), rs.getString("meter_id"), rs.getString("topic"),
                            rs.getString("reason"),
                            rs.getString("detail"), rs.getString("payload")));
                }
            }
            return out;
        }
    }

    /**
     * Device-supplied text (a topic, a JSON key echoed in the detail) may hold U+0000, which PostgreSQL text
     * refuses: the insert would fail on every retry and hold up the quarantine. It becomes U+FFFD. The payload
     * itself is kept exactly (see {@link PayloadText}).
     */
    private static String text(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
