package io.jieneng.devices.registry.internal;

import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.ImportResult;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterData;
import io.jieneng.devices.registry.Problem;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.registry.RegistryValidationException;
import io.jieneng.devices.registry.UserRole;
import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.devices.security.SecretHasher;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry in a relational database (H2 or PostgreSQL, schema {@code db/registry}).
 *
 * <p><b>Concurrent imports</b> are serialized by the database itself: each import locks the single row of
 * {@code registry_lock} with {@code SELECT ... FOR UPDATE} and only then reads, validates and writes, in one
 * transaction. This holds across JVMs (several ingest replicas and analytics on one PostgreSQL), which a JVM lock
 * would not. The slow part, hashing, runs before the lock (see {@link SecretPlan}), so the lock is held briefly.
 *
 * <p><b>Hashes:</b> user passwords with bcrypt ({@link SecretHasher}), device secrets with the fast PBKDF2 of
 * {@link DeviceSecrets}.
 *
 * <p><b>Reads</b> ({@link #load()}) run in one REPEATABLE READ transaction, so a snapshot never mixes the states
 * before and after a concurrent import.
 */
public final class JdbcRegistryStore implements RegistryStore {

    private static final Logger LOG = Logger.getLogger(JdbcRegistryStore.class);
    /** How long an import waits for another one to finish before giving up. */
    private static final int LOCK_WAIT_SECONDS = 120;

    /** How long a device hash upgrade waits for an import to finish before leaving it to the next CONNECT. */
    private static final int UPGRADE_LOCK_WAIT_SECONDS = 2;

    private final DataSource dataSource;
    private final SecretHasher hasher;
    private final DeviceSecrets deviceSecrets;

    /**
     * @param hasher        hashes user passwords (bcrypt)
     * @param deviceSecrets hashes meter and gateway secrets
     */
    public JdbcRegistryStore(DataSource dataSource, SecretHasher hasher, DeviceSecrets deviceSecrets) {
        this.dataSource = dataSource;
        this.hasher = hasher;
        this.deviceSecrets = deviceSecrets;
    }

    /** A store that hashes device secrets with the default {@link DeviceSecrets}. */
    public JdbcRegistryStore(DataSource dataSource, SecretHasher hasher) {
        this(dataSource, hasher, new DeviceSecrets());
    }

    @Override
    public Registry load() {
        try (Connection c = dataSource.getConnection()) {
            return Registry.of(inSnapshot(c, () -> RegistryTables.read(c)));
        } catch (SQLException e) {
            throw failure("read the registry", e);
        }
    }

    @Override
    public ImportResult importDocument(RegistryDocument document, MeterData data) {
        try (Connection c = dataSource.getConnection()) {
            // Refuse a bad document, and plan the hashing work, before taking the lock.
            Snapshot before = inSnapshot(c, () -> new Snapshot(RegistryTables.read(c),
                    RegistryTables.deviceHashes(c), RegistryTables.userHashes(c)));
            refuseProblems(document, before.document());
            // The time-series store may take a while to answer: ask it before the lock too.
            Set<String> checked = refuseDeletionsWithData(document, before.document(), data, Set.of());
            SecretPlan devicePlan = SecretPlan.prepare(deviceSecrets(document), before.deviceHashes(),
                    SecretPlan.devices(deviceSecrets));
            SecretPlan userPlan = SecretPlan.prepare(userPasswords(document), before.userHashes(),
                    SecretPlan.passwords(hasher));
            return locked(c, document, data, checked, devicePlan, userPlan);
        } catch (SQLException e) {
            throw failure("import the registry document", e);
        }
    }

    private ImportResult locked(Connection c, RegistryDocument document, MeterData data, Set<String> checked,
                                SecretPlan devicePlan, SecretPlan userPlan) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            lock(c);
            // Another import may have committed since the first check: check again against what is stored now.
            RegistryDocument stored = RegistryTables.read(c);
            refuseProblems(document, stored);
            // Only a meter another import created meanwhile is unchecked; it is asked about under the lock.
            refuseDeletionsWithData(document, stored, data, checked);
            ImportResult result = new RegistryImporter(c, stored, RegistryTables.deviceHashes(c),
                    RegistryTables.userHashes(c), devicePlan, userPlan)
                    .apply(document, DeletionChecks.stored(document, Registry.of(stored)));
            c.commit();
            LOG.infof("registry import: %s", result.sections());
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Refuses the deletion of any stored meter with data, or of every one when {@code data} cannot tell; nothing
     * is deleted silently. Skips the meters in {@code alreadyChecked}.
     *
     * @return the meters now known to have no data
     */
    private static Set<String> refuseDeletionsWithData(RegistryDocument document, RegistryDocument stored,
                                                       MeterData data, Set<String> alreadyChecked) {
        List<String> ids = DeletionChecks.stored(document, Registry.of(stored)).stream()
                .filter(id -> !alreadyChecked.contains(id)).toList();
        if (ids.isEmpty()) {
            return alreadyChecked;
        }
        Optional<Set<String>> withData = data.withData(ids);
        List<Problem> problems = new ArrayList<>();
        for (String id : ids) {
            String at = DeletionChecks.path(document.deleteMeters().indexOf(id));
            if (withData.isEmpty()) {
                problems.add(new Problem(at, "cannot tell whether meter '" + id + "' has data: this import does not"
                        + " see the time-series store (a standalone tool, or a start-up file read before the store"
                        + " opens); delete meters through analytics' PUT /api/v1/registry"));
            } else if (withData.get().contains(id)) {
                problems.add(new Problem(at, "meter '" + id + "' has data in the time-series store, and deleting it"
                        + " would orphan that history; disable it instead (\"disabled\": true)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RegistryValidationException(problems);
        }
        Set<String> checked = new HashSet<>(alreadyChecked);
        checked.addAll(ids);
        return checked;
    }

    private static void lock(Connection c) throws SQLException {
        lockTimeout(c, LOCK_WAIT_SECONDS);
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM registry_lock WHERE id = 1 FOR UPDATE")) {
                if (!rs.next()) {
                    throw new SQLException("the registry_lock row is missing; was the schema migrated?");
                }
            }
        }
    }

    /** Sets how long the current transaction waits for a row lock. */
    private static void lockTimeout(Connection c, int seconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (isH2(c)) {
                // H2 gives up on a row lock after one second by default, shorter than a large import.
                s.execute("SET LOCK_TIMEOUT " + seconds * 1000);
            } else {
                s.execute("SET LOCAL lock_timeout = '" + seconds + "s'");
            }
        }
    }

    private static boolean isH2(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName());
    }

    private static void refuseProblems(RegistryDocument document, RegistryDocument stored) {
        List<Problem> problems = DocumentValidator.validate(document, Registry.of(stored));
        if (!problems.isEmpty()) {
            throw new RegistryValidationException(problems);
        }
    }

    private static Map<String, String> deviceSecrets(RegistryDocument doc) {
        Map<String, String> out = new HashMap<>();
        for (Meter m : doc.meters()) {
            if (m.secret() != null) {
                out.putIfAbsent(m.id(), m.secret());
            }
        }
        for (Gateway g : doc.gateways()) {
            if (g.secret() != null) {
                out.putIfAbsent(g.id(), g.secret());
            }
        }
        return out;
    }

    private static Map<String, String> userPasswords(RegistryDocument doc) {
        Map<String, String> out = new HashMap<>();
        for (ApiUser u : doc.users()) {
            if (u.password() != null) {
                out.putIfAbsent(u.name(), u.password());
            }
        }
        return out;
    }

    @Override
    public Optional<String> deviceSecretHash(String deviceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT secret_hash FROM device_credentials WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the secret hash of device " + deviceId, e);
        }
    }

    @Override
    public boolean replaceDeviceSecretHash(String deviceId, String expectedOldHash, String newHash) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                lockTimeout(c, UPGRADE_LOCK_WAIT_SECONDS);
                // The stamp row first, as an import takes it first: the same lock order cannot deadlock.
                RegistryRows.markChanged(c);
                int replaced;
                try (PreparedStatement ps = c.prepareStatement("UPDATE device_credentials SET secret_hash = ?,"
                        + " updated_at = CURRENT_TIMESTAMP WHERE device_id = ? AND secret_hash = ?")) {
                    ps.setString(1, newHash);
                    ps.setString(2, deviceId);
                    ps.setString(3, expectedOldHash);
                    replaced = ps.executeUpdate();
                }
                if (replaced == 1) {
                    c.commit();
                    return true;
                }
                c.rollback();
                return false;
            } catch (SQLException e) {
                c.rollback();
                if (isLockTimeout(e)) {
                    LOG.debugf("device %s: hash upgrade deferred, the registry is locked by an import", deviceId);
                    return false;
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("replace the secret hash of device " + deviceId, e);
        }
    }

    /** PostgreSQL's lock_not_available (55P03) and H2's lock timeout (50200). */
    private static boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState()) || "HYT00".equals(e.getSQLState()) || e.getErrorCode() == 50200;
    }

    @Override
    public long changeStamp() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT change_stamp FROM registry_lock WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the registry_lock row is missing; was the schema migrated?");
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("read the registry change stamp", e);
        }
    }

    @Override
    public Optional<StoredUser> user(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT u.role, u.institution_id, u.region_code,"
                     + " k.password_hash, u.disabled FROM users u JOIN user_credentials k ON k.user_name = u.name"
                     + " WHERE u.name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UserRole role = UserRole.fromJson(rs.getString(1)).orElseThrow(() -> new IllegalStateException(
                        "user " + name + " has an unknown role in the registry database"));
                return Optional.of(new StoredUser(new ApiUser(name, role, rs.getString(2), rs.getString(3), null,
                        rs.getBoolean(5)), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw failure("read user " + name, e);
        }
    }

    private record Snapshot(RegistryDocument document, Map<String, String> deviceHashes,
                            Map<String, String> userHashes) {
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs read-only work in one REPEATABLE READ transaction: one consistent snapshot on H2 and PostgreSQL. */
    private static <T> T inSnapshot(Connection c, SqlWork<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
