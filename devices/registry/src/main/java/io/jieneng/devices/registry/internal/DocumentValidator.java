package io.jieneng.devices.registry.internal;

import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Problem;
import io.jieneng.devices.registry.Quota;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegionLevel;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.UserRole;
import io.jieneng.devices.registry.Vehicle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jieneng.devices.registry.internal.JsonPaths.entity;
import static io.jieneng.devices.registry.internal.JsonPaths.field;

/**
 * The semantic checks of a registry document. Import is an upsert, so references resolve against the document
 * plus what is already stored, and the document's version of an entity replaces the stored one. Problems come
 * out in document order, each with the JSON path of the offending value. The shared value rules are in
 * {@link ValueChecks}.
 */
public final class DocumentValidator {

    private final RegistryDocument doc;
    private final Registry existing;
    private final ValueChecks check;
    private final List<Problem> problems = new ArrayList<>();

    // The registry as it would be after the import: stored entities overlaid by the document's first definition.
    private final Map<String, Region> regions = new HashMap<>();
    private final Set<String> institutions = new HashSet<>();
    private final Map<String, Meter> meters = new HashMap<>();
    private final Set<String> docDataCenterIds = new HashSet<>();

    private DocumentValidator(RegistryDocument doc, Registry existing) {
        this.doc = doc;
        this.existing = existing;
        this.check = new ValueChecks(problems);
        RegistryDocument stored = existing.document();
        stored.regions().forEach(r -> regions.put(r.code(), r));
        stored.institutions().forEach(i -> institutions.add(i.id()));
        stored.meters().forEach(m -> meters.put(m.id(), m));
        Set<String> redefined = new HashSet<>();
        for (Region r : doc.regions()) {
            if (r.code() != null && redefined.add(r.code())) {
                regions.put(r.code(), r);
            }
        }
        doc.institutions().forEach(i -> institutions.add(i.id()));
        redefined.clear();
        for (Meter m : doc.meters()) {
            if (m.id() != null && redefined.add(m.id())) {
                meters.put(m.id(), m);
            }
        }
        doc.dataCenters().forEach(d -> docDataCenterIds.add(d.id()));
    }

    /** Every problem of {@code doc} when it is imported over {@code existing}, in document order. */
    public static List<Problem> validate(RegistryDocument doc, Registry existing) {
        DocumentValidator v = new DocumentValidator(doc, existing);
        v.regions();
        v.institutions();
        v.meters();
        v.gateways();
        v.dataCenters();
        v.vehicles();
        v.quotas();
        v.users();
        DeletionChecks.check(doc, existing, v.problems);
        return List.copyOf(v.problems);
    }

    private void regions() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.regions().size(); i++) {
            Region r = doc.regions().get(i);
            String at = entity(Sections.REGIONS, i);
            if (check.id(r.code(), at, "code", ValueChecks.REGION_CODE, ValueChecks.REGION_CODE_RULE)) {
                check.unique(seen, r.code(), at, "code", "region code");
            }
            check.name(r.name(), at, "name");
            check.present(r.level(), at, "level");
            regionParent(r, at);
            if (r.level() != null) {
                storedChildren(r, at);
            }
        }
    }

    private void regionParent(Region r, String at) {
        String path = field(at, "parent");
        if (r.level() == RegionLevel.PROVINCE) {
            if (r.parent() != null) {
                check.problem(path, "a province has no parent region");
            }
            return;
        }
        if (r.level() == null) {
            return;
        }
        RegionLevel want = r.level().parentLevel().orElseThrow();
        if (r.parent() == null) {
            check.problem(path, "a " + r.level().json() + " needs a parent region of level " + want.json());
            return;
        }
        Region parent = regions.get(r.parent());
        if (parent == null) {
            check.problem(path, "unknown parent region '" + r.parent() + "'");
        } else if (parent.level() != null && parent.level() != want) {
            check.problem(path, "parent region " + r.parent() + " is a " + parent.level().json() + "; the parent of a "
                    + r.level().json() + " must be a " + want.json());
        }
    }

    /** A level change must not break a stored region that the document leaves as it is. */
    private void storedChildren(Region r, String at) {
        for (Region child : existing.childrenOf(r.code())) {
            if (regions.get(child.code()) == child && child.level().parentLevel().orElse(null) != r.level()) {
                check.problem(field(at, "level"), "stored region " + child.code() + " (a " + child.level().json()
                        + ") has this region as its parent, so it cannot become a " + r.level().json());
            }
        }
    }

    private void institutions() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.institutions().size(); i++) {
            Institution inst = doc.institutions().get(i);
            String at = entity(Sections.INSTITUTIONS, i);
            if (check.id(inst.id(), at, "id", ValueChecks.ID, ValueChecks.ID_RULE)) {
                check.unique(seen, inst.id(), at, "id", "institution id");
            }
            check.name(inst.name(), at, "name");
            if (check.required(inst.region(), at, "region") && !regions.containsKey(inst.region())) {
                check.problem(field(at, "region"), "unknown region '" + inst.region() + "'");
            }
            check.optionalText(inst.category(), at, "category", ValueChecks.MAX_CATEGORY);
            if (inst.floorAreaM2() != null && !(inst.floorAreaM2() > 0 && Double.isFinite(inst.floorAreaM2()))) {
                check.problem(field(at, "floorAreaM2"), "floor area must be a positive number of m², was "
                        + inst.floorAreaM2());
            }
            if (inst.occupants() != null && inst.occupants() < 0) {
                check.problem(field(at, "occupants"), "occupants must not be negative, was " + inst.occupants());
            }
        }
    }

    private void meters() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.meters().size(); i++) {
            Meter m = doc.meters().get(i);
            String at = entity(Sections.METERS, i);
            if (check.id(m.id(), at, "id", ValueChecks.ID, ValueChecks.DEVICE_ID_RULE)) {
                check.unique(seen, m.id(), at, "id", "meter id");
                if (existing.gateway(m.id()).isPresent()) {
                    check.problem(field(at, "id"), "'" + m.id() + "' is already a gateway; meters and gateways "
                            + "share one id space because both log in over MQTT");
                }
            }
            check.reference(m.institution(), institutions, at, "institution", "institution");
            check.present(m.type(), at, "type");
            meterRole(m, at);
            if (m.intervalSeconds() < DocumentParser.MIN_INTERVAL_SECONDS
                    || m.intervalSeconds() > DocumentParser.MAX_INTERVAL_SECONDS) {
                check.problem(field(at, "intervalSeconds"), "must be between " + DocumentParser.MIN_INTERVAL_SECONDS
                        + " and " + DocumentParser.MAX_INTERVAL_SECONDS + " seconds, was " + m.intervalSeconds());
            }
            check.deviceSecret(m.secret(), m.id() != null && existing.meter(m.id()).isEmpty(), at, "meter");
            if (m.id() != null && meters.get(m.id()) == m) {
                storedDataCenters(m, at);
            }
        }
    }

    private void meterRole(Meter m, String at) {
        if (m.type() == MeterType.ELECTRICITY) {
            check.present(m.role(), at, "role", "an electricity meter needs a role: main or sub");
        } else if (m.role() != null && m.type() != null) {
            check.problem(field(at, "role"), "role is only for electricity meters, not for " + m.type().json());
        }
        // A role on a non-electricity meter is already one problem; asking it for a sub-item would be noise.
        if (m.role() == MeterRole.SUB && m.type() == MeterType.ELECTRICITY) {
            check.present(m.subitem(), at, "subitem", "a sub meter needs its MOHURD sub-item code (subitem)");
        } else if (m.subitem() != null) {
            check.problem(field(at, "subitem"), "subitem is only for electricity meters with role sub");
        }
        if (m.type() == MeterType.PV) {
            if (m.capacityKwp() == null) {
                check.problem(field(at, "capacityKwp"), "a pv meter needs its installed capacity (capacityKwp)");
            } else if (!(m.capacityKwp() > 0 && Double.isFinite(m.capacityKwp()))) {
                check.problem(field(at, "capacityKwp"), "capacity must be a positive number of kWp, was "
                        + m.capacityKwp());
            }
        } else if (m.capacityKwp() != null) {
            check.problem(field(at, "capacityKwp"), "capacityKwp is only for pv meters");
        }
    }

    /** A changed meter must still suit the stored data centres that the document leaves as they are. */
    private void storedDataCenters(Meter m, String at) {
        for (DataCenter dc : existing.document().dataCenters()) {
            boolean measures = m.id().equals(dc.itMeter()) || m.id().equals(dc.totalMeter());
            if (!measures || docDataCenterIds.contains(dc.id())) {
                continue;
            }
            if (m.type() != null && m.type() != MeterType.ELECTRICITY) {
                check.problem(field(at, "type"), "stored data centre " + dc.id() + " measures this meter, so it must "
                        + "stay an electricity meter");
            } else if (m.institution() != null && !m.institution().equals(dc.institution())) {
                check.problem(field(at, "institution"), "stored data centre " + dc.id() + " measures this meter, so "
                        + "it must stay with institution " + dc.institution());
            }
        }
    }

    private void gateways() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.gateways().size(); i++) {
            Gateway g = doc.gateways().get(i);
            String at = entity(Sections.GATEWAYS, i);
            if (check.id(g.id(), at, "id", ValueChecks.ID, ValueChecks.DEVICE_ID_RULE)) {
                check.unique(seen, g.id(), at, "id", "gateway id");
                if (meters.containsKey(g.id())) {
                    check.problem(field(at, "id"), "'" + g.id() + "' is already a meter; meters and gateways share "
                            + "one id space because both log in over MQTT");
                }
            }
            Set<String> listed = new HashSet<>();
            for (int j = 0; j < g.meters().size(); j++) {
                String meter = g.meters().get(j);
                String path = JsonPaths.element(field(at, "meters"), j);
                if (!meters.containsKey(meter)) {
                    check.problem(path, "unknown meter '" + meter + "'");
                } else if (!listed.add(meter)) {
                    check.problem(path, "meter '" + meter + "' is listed twice");
                }
            }
            check.deviceSecret(g.secret(), g.id() != null && existing.gateway(g.id()).isEmpty(), at, "gateway");
        }
    }

    private void dataCenters() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.dataCenters().size(); i++) {
            DataCenter dc = doc.dataCenters().get(i);
            String at = entity(Sections.DATA_CENTERS, i);
            if (check.id(dc.id(), at, "id", ValueChecks.ID, ValueChecks.ID_RULE)) {
                check.unique(seen, dc.id(), at, "id", "data centre id");
            }
            boolean knownInstitution = check.reference(dc.institution(), institutions, at, "institution",
                    "institution");
            String institution = knownInstitution ? dc.institution() : null;
            dataCenterMeter(dc.itMeter(), institution, at, "itMeter");
            dataCenterMeter(dc.totalMeter(), institution, at, "totalMeter");
            if (dc.itMeter() != null && dc.itMeter().equals(dc.totalMeter())) {
                check.problem(field(at, "totalMeter"), "the total meter must differ from the IT meter, or PUE is "
                        + "always 1");
            }
        }
    }

    private void dataCenterMeter(String id, String institution, String at, String name) {
        if (!check.required(id, at, name)) {
            return;
        }
        Meter m = meters.get(id);
        String path = field(at, name);
        if (m == null) {
            check.problem(path, "unknown meter '" + id + "'");
        } else if (m.type() != MeterType.ELECTRICITY) {
            check.problem(path, "meter '" + id + "' is a " + (m.type() == null ? "meter without type" : m.type().json()
                    + " meter") + "; a data centre needs electricity meters");
        } else if (institution != null && !institution.equals(m.institution())) {
            check.problem(path, "meter '" + id + "' belongs to institution " + m.institution() + ", not to "
                    + institution);
        }
    }

    private void vehicles() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.vehicles().size(); i++) {
            Vehicle v = doc.vehicles().get(i);
            String at = entity(Sections.VEHICLES, i);
            if (check.name(v.id(), at, "id") && check.maxLength(v.id(), at, "id", ValueChecks.MAX_ID)) {
                check.unique(seen, v.id(), at, "id", "vehicle id");
            }
            check.reference(v.institution(), institutions, at, "institution", "institution");
            check.present(v.energy(), at, "energy");
            check.present(v.acquired(), at, "acquired");
        }
    }

    private void quotas() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.quotas().size(); i++) {
            Quota q = doc.quotas().get(i);
            String at = entity(Sections.QUOTAS, i);
            boolean known = check.reference(q.institution(), institutions, at, "institution", "institution");
            if (q.year() < ValueChecks.MIN_YEAR || q.year() > ValueChecks.MAX_YEAR) {
                check.problem(field(at, "year"), "year must be between " + ValueChecks.MIN_YEAR + " and "
                        + ValueChecks.MAX_YEAR + ", was " + q.year());
            } else if (known) {
                check.unique(seen, q.institution() + "/" + q.year(), at, "year", "quota for institution and year");
            }
            check.indicator(q.totalKgce(), at, "totalKgce");
            check.indicator(q.kgcePerCapita(), at, "kgcePerCapita");
            check.indicator(q.kgcePerM2(), at, "kgcePerM2");
            check.indicator(q.waterM3PerCapita(), at, "waterM3PerCapita");
            if (q.totalKgce() == null && q.kgcePerCapita() == null && q.kgcePerM2() == null
                    && q.waterM3PerCapita() == null) {
                check.problem(at, "a quota needs at least one indicator: totalKgce, kgcePerCapita, kgcePerM2 or "
                        + "waterM3PerCapita");
            }
        }
    }

    private void users() {
        Set<String> stored = new HashSet<>();
        existing.document().users().forEach(u -> stored.add(u.name()));
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < doc.users().size(); i++) {
            ApiUser u = doc.users().get(i);
            String at = entity(Sections.USERS, i);
            if (check.id(u.name(), at, "name", ValueChecks.USER_NAME, ValueChecks.USER_NAME_RULE)) {
                if (ValueChecks.RESERVED_USER.equals(u.name())) {
                    check.problem(field(at, "name"), "the name 'admin' is reserved for the built-in administrator");
                } else {
                    check.unique(seen, u.name(), at, "name", "user name");
                }
            }
            check.present(u.role(), at, "role");
            boolean needsInstitution = u.role() == UserRole.INSTITUTION;
            boolean needsRegion = u.role() == UserRole.REGION;
            if (needsInstitution) {
                check.reference(u.institution(), institutions, at, "institution", "institution");
            } else if (u.institution() != null && u.role() != null) {
                check.problem(field(at, "institution"), "only a user with role institution has an institution");
            }
            if (needsRegion) {
                check.reference(u.region(), regions.keySet(), at, "region", "region");
            } else if (u.region() != null && u.role() != null) {
                check.problem(field(at, "region"), "only a user with role region has a region");
            }
            check.password(u.password(), u.name() != null && !stored.contains(u.name()), at, "password", "user");
        }
    }
}
