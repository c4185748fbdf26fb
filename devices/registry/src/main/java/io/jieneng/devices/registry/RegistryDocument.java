package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The registry document of docs/CONTRACT.md §2. Imported documents carry clear secrets and passwords; exported ones
 * never do. Lists are never {@code null}.
 *
 * @param deleteMeters the ids of the document's {@code "delete": {"meters": [...]}}: meters to delete, which the
 *                     import allows only for meters without data (docs/REGISTRY.md). An instruction, not state, so
 *                     it is never exported and a snapshot has none.
 */
public record RegistryDocument(List<Region> regions, List<Institution> institutions, List<Meter> meters,
                               List<Gateway> gateways, List<DataCenter> dataCenters, List<Vehicle> vehicles,
                               List<Quota> quotas, List<ApiUser> users, @JsonIgnore List<String> deleteMeters) {

    public RegistryDocument {
        regions = regions == null ? List.of() : List.copyOf(regions);
        institutions = institutions == null ? List.of() : List.copyOf(institutions);
        meters = meters == null ? List.of() : List.copyOf(meters);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        dataCenters = dataCenters == null ? List.of() : List.copyOf(dataCenters);
        vehicles = vehicles == null ? List.of() : List.copyOf(vehicles);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        users = users == null ? List.of() : List.copyOf(users);
        deleteMeters = deleteMeters == null ? List.of() : List.copyOf(deleteMeters);
    }

    /** A document that deletes nothing: the constructor of the registry before deletions. */
    public RegistryDocument(List<Region> regions, List<Institution> institutions, List<Meter> meters,
                            List<Gateway> gateways, List<DataCenter> dataCenters, List<Vehicle> vehicles,
                            List<Quota> quotas, List<ApiUser> users) {
        this(regions, institutions, meters, gateways, dataCenters, vehicles, quotas, users, null);
    }

    public static RegistryDocument empty() {
        return new RegistryDocument(null, null, null, null, null, null, null, null);
    }
}
