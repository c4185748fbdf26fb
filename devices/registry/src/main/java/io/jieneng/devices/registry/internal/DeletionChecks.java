package io.jieneng.devices.registry.internal;

import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Problem;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a document's {@code "delete": {"meters": [...]}} that need only the registry: a meter to delete
 * may not also be defined by the document, and nothing that stays may still refer to it (a gateway's list, a data
 * centre). Whether it has data is the store's check, with the caller's {@code MeterData}. A meter that is not
 * stored is no problem: there is nothing to delete, and the document stays importable twice.
 */
final class DeletionChecks {

    static final String SECTION = "delete";
    static final String METERS = "meters";

    private DeletionChecks() {
    }

    /** The JSON path of the {@code i}-th meter id of the delete section. */
    static String path(int i) {
        return JsonPaths.element(JsonPaths.field(JsonPaths.field(JsonPaths.ROOT, SECTION), METERS), i);
    }

    static void check(RegistryDocument doc, Registry existing, List<Problem> problems) {
        if (doc.deleteMeters().isEmpty()) {
            return;
        }
        Set<String> defined = new HashSet<>();
        doc.meters().forEach(m -> defined.add(m.id()));
        Map<String, List<String>> referrers = referrers(doc, existing);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < doc.deleteMeters().size(); i++) {
            String id = doc.deleteMeters().get(i);
            String at = path(i);
            if (!seen.add(id)) {
                problems.add(new Problem(at, "meter '" + id + "' is listed twice"));
            } else if (defined.contains(id)) {
                problems.add(new Problem(at, "meter '" + id + "' is also in meters; a document either keeps a meter"
                        + " or deletes it"));
            } else if (existing.meter(id).isPresent() && referrers.containsKey(id)) {
                problems.add(new Problem(at, "meter '" + id + "' is still used by " + String.join(", ",
                        referrers.get(id)) + "; remove it from there (in this document or before) to delete it"));
            }
        }
    }

    /** Meter id to what would still refer to it after the import: gateways and data centres, as overlaid. */
    private static Map<String, List<String>> referrers(RegistryDocument doc, Registry existing) {
        Map<String, Gateway> gateways = new LinkedHashMap<>();
        existing.document().gateways().forEach(g -> gateways.put(g.id(), g));
        doc.gateways().forEach(g -> gateways.put(g.id(), g));
        Map<String, DataCenter> centres = new LinkedHashMap<>();
        existing.document().dataCenters().forEach(d -> centres.put(d.id(), d));
        doc.dataCenters().forEach(d -> centres.put(d.id(), d));
        Map<String, List<String>> out = new HashMap<>();
        gateways.values().forEach(g -> g.meters().forEach(m -> add(out, m, "gateway " + g.id())));
        centres.values().forEach(d -> {
            add(out, d.itMeter(), "data centre " + d.id());
            add(out, d.totalMeter(), "data centre " + d.id());
        });
        return out;
    }

    private static void add(Map<String, List<String>> out, String meter, String referrer) {
        if (meter != null) {
            out.computeIfAbsent(meter, k -> new ArrayList<>()).add(referrer);
        }
    }

    /** The meters of the delete section that are stored, in document order: what the import would delete. */
    static List<String> stored(RegistryDocument doc, Registry existing) {
        List<String> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(doc.deleteMeters())) {
            existing.meter(id).map(Meter::id).ifPresent(out::add);
        }
        return out;
    }
}
