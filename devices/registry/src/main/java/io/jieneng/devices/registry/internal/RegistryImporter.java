package io.jieneng.devices.registry.internal;

import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.ImportResult;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Quota;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.Vehicle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes a validated document over the stored registry inside the caller's transaction, section by section in
 * dependency order, and counts what it created, updated and left unchanged. Entities missing from the document stay
 * as they are; only the meters of the document's {@code delete} are deleted, last, once the caller has checked
 * that they have no data and the validation that nothing left refers to them.
 */
final class RegistryImporter {

    private final RegistryRows rows;
    private final RegistryDocument stored;
    private final Map<String, String> deviceHashes;
    private final Map<String, String> userHashes;
    private final SecretPlan devicePlan;
    private final SecretPlan userPlan;

    /**
     * @param stored       the registry as read under the import lock
     * @param deviceHashes the device hashes as read under the lock
     * @param userHashes   the user hashes as read under the lock
     */
    RegistryImporter(Connection c, RegistryDocument stored, Map<String, String> deviceHashes,
                     Map<String, String> userHashes, SecretPlan devicePlan, SecretPlan userPlan) {
        this.rows = new RegistryRows(c);
        this.stored = stored;
        this.deviceHashes = deviceHashes;
        this.userHashes = userHashes;
        this.devicePlan = devicePlan;
        this.userPlan = userPlan;
    }

    /** @param deleteMeters the stored meters to delete (checked by the caller) */
    ImportResult apply(RegistryDocument doc, List<String> deleteMeters) throws SQLException {
        Map<String, ImportResult.Counts> counts = new LinkedHashMap<>();
        counts.put(Sections.REGIONS, regions(doc.regions()));
        counts.put(Sections.INSTITUTIONS, section(doc.institutions(), stored.institutions(), Institution::id,
                Function.identity(), rows::insertInstitution, rows::updateInstitution, i -> false));
        counts.put(Sections.METERS, section(doc.meters(), stored.meters(), Meter::id, Meter::withoutSecret,
                rows::insertMeter, rows::updateMeter, m -> deviceSecret(m.id(), m.secret())));
        counts.put(Sections.GATEWAYS, section(doc.gateways(), stored.gateways(), Gateway::id, Gateway::withoutSecret,
                rows::insertGateway, rows::updateGateway, g -> deviceSecret(g.id(), g.secret())));
        counts.put(Sections.DATA_CENTERS, section(doc.dataCenters(), stored.dataCenters(), DataCenter::id,
                Function.identity(), rows::insertDataCenter, rows::updateDataCenter, d -> false));
        counts.put(Sections.VEHICLES, section(doc.vehicles(), stored.vehicles(), Vehicle::id, Function.identity(),
                rows::insertVehicle, rows::updateVehicle, v -> false));
        counts.put(Sections.QUOTAS, section(doc.quotas(), stored.quotas(), RegistryImporter::quotaKey,
                Function.identity(), rows::insertQuota, rows::updateQuota, q -> false));
        counts.put(Sections.USERS, section(doc.users(), stored.users(), ApiUser::name, ApiUser::withoutPassword,
                rows::insertUser, rows::updateUser, u -> userPassword(u.name(), u.password())));
        // Last: the gateways of this document may have just dropped a meter being deleted from their lists.
        for (String id : deleteMeters) {
            rows.deleteMeter(id);
        }
        counts.put(Sections.METERS, counts.get(Sections.METERS).withDeleted(deleteMeters.size()));
        ImportResult result = new ImportResult(Collections.unmodifiableMap(counts));
        rows.flush();
        if (!result.unchanged()) {
            rows.markChanged();
        }
        rows.close();
        return result;
    }

    /**
     * Regions refer to regions, possibly later in the document, so parents are set in a second pass once every
     * region of the document exists.
     */
    private ImportResult.Counts regions(List<Region> regions) throws SQLException {
        Map<String, Region> before = index(stored.regions(), Region::code);
        ImportResult.Counts counts = section(regions, stored.regions(), Region::code, Function.identity(),
                rows::insertRegion, rows::updateRegion, r -> false);
        for (Region r : regions) {
            Region old = before.get(r.code());
            if (!Objects.equals(r.parent(), old == null ? null : old.parent())) {
                rows.regionParent(r);
            }
        }
        rows.flush();
        return counts;
    }

    /**
     * Upserts one section. {@code clean} strips what is not stored in the entity's row (secrets) before comparing
     * with the stored entity; {@code extra} writes what lives elsewhere (credentials) and says whether it changed.
     */
    private <T> ImportResult.Counts section(List<T> items, List<T> storedItems, Function<T, String> key,
                                            Function<T, T> clean, SqlAction<T> insert, SqlAction<T> update,
                                            SqlCheck<T> extra) throws SQLException {
        Map<String, T> before = index(storedItems, key);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (T item : items) {
            T old = before.get(key.apply(item));
            T row = clean.apply(item);
            if (old == null) {
                insert.run(row);
                extra.test(item);
                created++;
                continue;
            }
            boolean changed = !row.equals(old);
            if (changed) {
                update.run(row);
            }
            if (extra.test(item) || changed) {
                updated++;
            } else {
                unchanged++;
            }
        }
        // The next section may refer to these rows.
        rows.flush();
        return new ImportResult.Counts(created, updated, unchanged);
    }

    /** Stores the hash of a device's secret; true when it changed. An absent secret keeps the stored hash. */
    private boolean deviceSecret(String id, String secret) throws SQLException {
        if (secret == null) {
            return false;
        }
        String now = deviceHashes.get(id);
        String hash = devicePlan.hashFor(id, secret, now);
        if (hash.equals(now)) {
            return false;
        }
        rows.deviceHash(id, hash, now != null);
        return true;
    }

    private boolean userPassword(String name, String password) throws SQLException {
        if (password == null) {
            return false;
        }
        String now = userHashes.get(name);
        String hash = userPlan.hashFor(name, password, now);
        if (hash.equals(now)) {
            return false;
        }
        rows.userHash(name, hash, now != null);
        return true;
    }

    static String quotaKey(Quota q) {
        return q.institution() + '/' + q.year();
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> out = new HashMap<>();
        items.forEach(i -> out.put(key.apply(i), i));
        return out;
    }

    @FunctionalInterface
    interface SqlAction<T> {
        void run(T item) throws SQLException;
    }

    @FunctionalInterface
    interface SqlCheck<T> {
        boolean test(T item) throws SQLException;
    }
}
