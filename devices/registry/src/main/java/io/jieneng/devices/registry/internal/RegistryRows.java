package io.jieneng.devices.registry.internal;

import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Quota;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.Vehicle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements that write registry rows. Each method writes one entity; the caller owns the transaction.
 *
 * <p>Single-row writes are batched per statement (a 10,000-meter import would otherwise be 20,000 round trips)
 * and sent by {@link #flush()}, which the caller runs after each section, before anything that refers to the rows
 * it wrote. The gateway writes, whose deletes and inserts must keep their order, run at once.
 */
final class RegistryRows implements AutoCloseable {

    private final Connection c;
    // In first-use order; within a section every statement writes rows of its own, so their order is free.
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private record Pending(PreparedStatement statement, List<String> keys) {
    }

    RegistryRows(Connection c) {
        this.c = c;
    }

    /** Inserts a region without its parent, which may not exist yet: {@link #regionParent} sets it afterwards. */
    void insertRegion(Region r) throws SQLException {
        update("INSERT INTO regions (code, name, level) VALUES (?, ?, ?)", r.code(), r.name(), r.level().json());
    }

    void updateRegion(Region r) throws SQLException {
        update("UPDATE regions SET name = ?, level = ? WHERE code = ?", r.name(), r.level().json(), r.code());
    }

    void regionParent(Region r) throws SQLException {
        update("UPDATE regions SET parent_code = ? WHERE code = ?", r.parent(), r.code());
    }

    void insertInstitution(Institution i) throws SQLException {
        update("INSERT INTO institutions (name, region_code, category, floor_area_m2, occupants, id)"
                + " VALUES (?, ?, ?, ?, ?, ?)", i.name(), i.region(), i.category(), i.floorAreaM2(), i.occupants(),
                i.id());
    }

    void updateInstitution(Institution i) throws SQLException {
        update("UPDATE institutions SET name = ?, region_code = ?, category = ?, floor_area_m2 = ?, occupants = ?"
                + " WHERE id = ?", i.name(), i.region(), i.category(), i.floorAreaM2(), i.occupants(), i.id());
    }

    void insertMeter(Meter m) throws SQLException {
        update("INSERT INTO meters (institution_id, type, role, subitem, capacity_kwp, interval_seconds,"
                + " commissioned, disabled, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", meterValues(m));
    }

    void updateMeter(Meter m) throws SQLException {
        update("UPDATE meters SET institution_id = ?, type = ?, role = ?, subitem = ?, capacity_kwp = ?,"
                + " interval_seconds = ?, commissioned = ?, disabled = ? WHERE id = ?", meterValues(m));
    }

    private static Object[] meterValues(Meter m) {
        return new Object[] {m.institution(), m.type().json(), m.role() == null ? null : m.role().json(),
                m.subitem() == null ? null : m.subitem().code(), m.capacityKwp(), m.intervalSeconds(),
                m.commissioned(), m.disabled(), m.id()};
    }

    /** Deletes a meter and its credentials; the caller has made sure nothing refers to it. */
    void deleteMeter(String id) throws SQLException {
        flush();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM device_credentials WHERE device_id = ?")) {
            bind(ps, id);
            ps.executeUpdate();
        }
        now("DELETE FROM meters WHERE id = ?", id);
    }

    void insertGateway(Gateway g) throws SQLException {
        now("INSERT INTO gateways (disabled, id) VALUES (?, ?)", g.disabled(), g.id());
        insertGatewayMeters(g);
    }

    /** Replaces the gateway's flag and its meter list with the document's. */
    void updateGateway(Gateway g) throws SQLException {
        now("UPDATE gateways SET disabled = ? WHERE id = ?", g.disabled(), g.id());
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM gateway_meters WHERE gateway_id = ?")) {
            bind(ps, g.id());
            ps.executeUpdate();
        }
        insertGatewayMeters(g);
    }

    private void insertGatewayMeters(Gateway g) throws SQLException {
        flush();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gateway_meters (gateway_id, meter_id, list_index) VALUES (?, ?, ?)")) {
            for (int i = 0; i < g.meters().size(); i++) {
                bind(ps, g.id(), g.meters().get(i), i);
                ps.addBatch();
            }
            if (!g.meters().isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    void insertDataCenter(DataCenter d) throws SQLException {
        update("INSERT INTO data_centers (institution_id, it_meter_id, total_meter_id, id) VALUES (?, ?, ?, ?)",
                d.institution(), d.itMeter(), d.totalMeter(), d.id());
    }

    void updateDataCenter(DataCenter d) throws SQLException {
        update("UPDATE data_centers SET institution_id = ?, it_meter_id = ?, total_meter_id = ? WHERE id = ?",
                d.institution(), d.itMeter(), d.totalMeter(), d.id());
    }

    void insertVehicle(Vehicle v) throws SQLException {
        update("INSERT INTO vehicles (institution_id, energy, acquired, id) VALUES (?, ?, ?, ?)", v.institution(),
                v.energy().json(), v.acquired(), v.id());
    }

    void updateVehicle(Vehicle v) throws SQLException {
        update("UPDATE vehicles SET institution_id = ?, energy = ?, acquired = ? WHERE id = ?", v.institution(),
                v.energy().json(), v.acquired(), v.id());
    }

    void insertQuota(Quota q) throws SQLException {
        update("INSERT INTO quotas (total_kgce, kgce_per_capita, kgce_per_m2, water_m3_per_capita, institution_id,"
                + " quota_year) VALUES (?, ?, ?, ?, ?, ?)", quotaValues(q));
    }

    void updateQuota(Quota q) throws SQLException {
        update("UPDATE quotas SET total_kgce = ?, kgce_per_capita = ?, kgce_per_m2 = ?, water_m3_per_capita = ?"
                + " WHERE institution_id = ? AND quota_year = ?", quotaValues(q));
    }

    private static Object[] quotaValues(Quota q) {
        return new Object[] {q.totalKgce(), q.kgcePerCapita(), q.kgcePerM2(), q.waterM3PerCapita(), q.institution(),
                q.year()};
    }

    void insertUser(ApiUser u) throws SQLException {
        update("INSERT INTO users (role, institution_id, region_code, disabled, name) VALUES (?, ?, ?, ?, ?)",
                u.role().json(), u.institution(), u.region(), u.disabled(), u.name());
    }

    void updateUser(ApiUser u) throws SQLException {
        update("UPDATE users SET role = ?, institution_id = ?, region_code = ?, disabled = ? WHERE name = ?",
                u.role().json(), u.institution(), u.region(), u.disabled(), u.name());
    }

    /** Stores a device's secret hash, inserting or replacing it. */
    void deviceHash(String deviceId, String hash, boolean exists) throws SQLException {
        update(exists ? "UPDATE device_credentials SET secret_hash = ?, updated_at = CURRENT_TIMESTAMP"
                + " WHERE device_id = ?" : "INSERT INTO device_credentials (secret_hash, updated_at, device_id)"
                + " VALUES (?, CURRENT_TIMESTAMP, ?)", hash, deviceId);
    }

    /** Stores a user's password hash, inserting or replacing it. */
    void userHash(String name, String hash, boolean exists) throws SQLException {
        update(exists ? "UPDATE user_credentials SET password_hash = ?, updated_at = CURRENT_TIMESTAMP"
                + " WHERE user_name = ?" : "INSERT INTO user_credentials (password_hash, updated_at, user_name)"
                + " VALUES (?, CURRENT_TIMESTAMP, ?)", hash, name);
    }

    /** Moves the change stamp on, so that every process polling it reloads its snapshot. */
    void markChanged() throws SQLException {
        markChanged(c);
    }

    static void markChanged(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE registry_lock SET changed_at = CURRENT_TIMESTAMP,"
                + " change_stamp = change_stamp + 1 WHERE id = 1")) {
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the registry_lock row is missing; was the schema migrated?");
            }
        }
    }

    /** Queues a write of exactly one row; {@link #flush()} sends it. */
    private void update(String sql, Object... values) throws SQLException {
        Pending p = pending.get(sql);
        if (p == null) {
            p = new Pending(c.prepareStatement(sql), new ArrayList<>());
            pending.put(sql, p);
        }
        bind(p.statement(), values);
        p.statement().addBatch();
        p.keys().add(String.valueOf(values[values.length - 1]));
    }

    /** Sends every queued write; each must have written exactly one row. */
    void flush() throws SQLException {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            int[] counts = e.getValue().statement().executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1 && counts[i] != Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("expected to write one row for " + e.getValue().keys().get(i) + ", wrote "
                            + counts[i] + ": " + e.getKey());
                }
            }
            e.getValue().statement().close();
        }
        pending.clear();
    }

    /** Writes exactly one row at once, after what is queued. */
    private void now(String sql, Object... values) throws SQLException {
        flush();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            int rows = ps.executeUpdate();
            if (rows != 1) {
                throw new SQLException("expected to write one row, wrote " + rows + ": " + sql);
            }
        }
    }

    /** Closes the statements of writes never flushed (the import failed). */
    @Override
    public void close() throws SQLException {
        for (Pending p : pending.values()) {
            p.statement().close();
        }
        pending.clear();
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                // Types.NULL lets the database infer the type from the column, on H2 and PostgreSQL alike.
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }
}

