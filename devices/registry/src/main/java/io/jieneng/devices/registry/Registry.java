package io.jieneng.devices.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the registry with the look-ups that ingest and analytics need. It holds no secrets.
 * Rebuild it (cheaply) whenever the registry changes.
 */
public final class Registry {

    private final RegistryDocument document;
    private final Map<String, Region> regions;
    private final Map<String, Institution> institutions;
    private final Map<String, Meter> meters;
    private final Map<String, Gateway> gateways;
    private final Map<String, DataCenter> dataCenters;
    private final Map<String, List<Meter>> metersByInstitution;
    private final Map<String, List<Region>> childrenByRegion;
    private final Map<String, Quota> quotas;

    private Registry(RegistryDocument document) {
        this.document = document;
        this.regions = index(document.regions(), Region::code);
        this.institutions = index(document.institutions(), Institution::id);
        this.meters = index(document.meters(), Meter::id);
        this.gateways = index(document.gateways(), Gateway::id);
        this.dataCenters = index(document.dataCenters(), DataCenter::id);
        this.metersByInstitution = document.meters().stream()
                .collect(Collectors.groupingBy(Meter::institution, LinkedHashMap::new,
                        Collectors.collectingAndThen(Collectors.toList(), Collections::unmodifiableList)));
        Map<String, List<Region>> children = new HashMap<>();
        for (Region r : document.regions()) {
            if (r.parent() != null) {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
            }
        }
        this.childrenByRegion = children;
        this.quotas = index(document.quotas(), q -> quotaKey(q.institution(), q.year()));
    }

    /** A snapshot of {@code document}; secrets and passwords in it are dropped. */
    public static Registry of(RegistryDocument document) {
        RegistryDocument clean = new RegistryDocument(document.regions(), document.institutions(),
                document.meters().stream().map(Meter::withoutSecret).toList(),
                document.gateways().stream().map(Gateway::withoutSecret).toList(),
                document.dataCenters(), document.vehicles(), document.quotas(),
                document.users().stream().map(ApiUser::withoutPassword).toList());
        return new Registry(clean);
    }

    public static Registry empty() {
        return of(RegistryDocument.empty());
    }

    /** The whole registry as a document, without secrets. */
    public RegistryDocument document() {
        return document;
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(regions.get(code));
    }

    public Optional<Institution> institution(String id) {
        return Optional.ofNullable(institutions.get(id));
    }

    public Optional<Meter> meter(String id) {
        return Optional.ofNullable(meters.get(id));
    }

    public Optional<Gateway> gateway(String id) {
        return Optional.ofNullable(gateways.get(id));
    }

    public Optional<DataCenter> dataCenter(String id) {
        return Optional.ofNullable(dataCenters.get(id));
    }

    public Optional<Quota> quota(String institutionId, int year) {
        return Optional.ofNullable(quotas.get(quotaKey(institutionId, year)));
    }

    /** The meters of an institution, in registry order; empty for an unknown institution. */
    public List<Meter> metersOf(String institutionId) {
        return metersByInstitution.getOrDefault(institutionId, List.of());
    }

    /** The regions directly below {@code code}. */
    public List<Region> childrenOf(String code) {
        return childrenByRegion.getOrDefault(code, List.of());
    }

    /** True when {@code code} is {@code ancestor} itself or lies anywhere below it. */
    public boolean isWithin(String code, String ancestor) {
        String c = code;
        // The depth is bounded by the number of regions, which also guards against a cycle.
        for (int i = 0; c != null && i <= regions.size(); i++) {
            if (c.equals(ancestor)) {
                return true;
            }
            Region r = regions.get(c);
            c = r == null ? null : r.parent();
        }
        return false;
    }

    private static String quotaKey(String institution, int year) {
        return institution + '\u0000' + year;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T item : items) {
            out.put(key.apply(item), item);
        }
        return Collections.unmodifiableMap(out);
    }
}
