package io.jieneng.devices.registry.internal;

import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Quota;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegionLevel;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.SubItem;
import io.jieneng.devices.registry.UserRole;
import io.jieneng.devices.registry.Vehicle;
import io.jieneng.devices.registry.VehicleEnergy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads the registry tables of V1__registry.sql (with V5's disabled flags) back into the document model, in first-import order. */
final class RegistryTables {

    private RegistryTables() {
    }

    /** The whole registry, without secrets; run it in one transaction for a consistent snapshot. */
    static RegistryDocument read(Connection c) throws SQLException {
        List<Region> regions = query(c, "SELECT code, name, level, parent_code FROM regions ORDER BY seq",
                rs -> new Region(rs.getString(1), rs.getString(2),
                        enumValue(rs.getString(3), RegionLevel::fromJson, "region level"), rs.getString(4)));
        List<Institution> institutions = query(c, "SELECT id, name, region_code, category, floor_area_m2, occupants"
                + " FROM institutions ORDER BY seq", rs -> new Institution(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), nullableDouble(rs, 5), nullableInt(rs, 6)));
        List<Meter> meters = query(c, "SELECT id, institution_id, type, role, subitem, capacity_kwp, interval_seconds,"
                + " commissioned, disabled FROM meters ORDER BY seq", rs -> new Meter(rs.getString(1), rs.getString(2),
                enumValue(rs.getString(3), MeterType::fromJson, "meter type"),
                optionalEnum(rs.getString(4), MeterRole::fromJson, "meter role"),
                optionalEnum(rs.getString(5), SubItem::fromCode, "sub-item"),
                nullableDouble(rs, 6), rs.getInt(7), rs.getObject(8, LocalDate.class), null, rs.getBoolean(9)));
        Map<String, List<String>> gatewayMeters = new HashMap<>();
        for (String[] row : query(c, "SELECT gateway_id, meter_id FROM gateway_meters ORDER BY gateway_id, list_index",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            gatewayMeters.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        List<Gateway> gateways = query(c, "SELECT id, disabled FROM gateways ORDER BY seq",
                rs -> new Gateway(rs.getString(1), gatewayMeters.getOrDefault(rs.getString(1), List.of()), null,
                        rs.getBoolean(2)));
        List<DataCenter> dataCenters = query(c, "SELECT id, institution_id, it_meter_id, total_meter_id"
                + " FROM data_centers ORDER BY seq", rs -> new DataCenter(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)));
        List<Vehicle> vehicles = query(c, "SELECT id, institution_id, energy, acquired FROM vehicles ORDER BY seq",
                rs -> new Vehicle(rs.getString(1), rs.getString(2),
                        enumValue(rs.getString(3), VehicleEnergy::fromJson, "vehicle energy"),
                        rs.getObject(4, LocalDate.class)));
        List<Quota> quotas = query(c, "SELECT institution_id, quota_year, total_kgce, kgce_per_capita, kgce_per_m2,"
                + " water_m3_per_capita FROM quotas ORDER BY seq", rs -> new Quota(rs.getString(1), rs.getInt(2),
                nullableDouble(rs, 3), nullableDouble(rs, 4), nullableDouble(rs, 5), nullableDouble(rs, 6)));
        List<ApiUser> users = query(c, "SELECT name, role, institution_id, region_code, disabled FROM users"
                + " ORDER BY seq", rs -> new ApiUser(rs.getString(1),
                enumValue(rs.getString(2), UserRole::fromJson, "user role"), rs.getString(3), rs.getString(4), null,
                rs.getBoolean(5)));
        return new RegistryDocument(regions, institutions, meters, gateways, dataCenters, vehicles, quotas, users);
    }

    /** Device id to the hash of its secret (PBKDF2, or legacy bcrypt). */
    static Map<String, String> deviceHashes(Connection c) throws SQLException {
        return pairs(c, "SELECT device_id, secret_hash FROM device_credentials");
    }

    /** User name to bcrypt hash of its password. */
    static Map<String, String> userHashes(Connection c) throws SQLException {
        return pairs(c, "SELECT user_name, password_hash FROM user_credentials");
    }

    private static Map<String, String> pairs(Connection c, String sql) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] row : query(c, sql, rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            out.put(row[0], row[1]);
        }
        return out;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
        }
        return out;
    }

    static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static <E> E optionalEnum(String value, Function<String, Optional<E>> fromJson, String what) {
        return value == null ? null : enumValue(value, fromJson, what);
    }

    private static <E> E enumValue(String value, Function<String, Optional<E>> fromJson, String what) {
        return fromJson.apply(value).orElseThrow(() -> new IllegalStateException(
                "the registry database holds an unknown " + what + " '" + value + "'"));
    }
}
