package io.jieneng.devices.registry;

import java.util.List;

/**
 * The registry document of docs/CONTRACT.md §2. Imported documents carry clear secrets and passwords; exported ones
 * never do. Lists are never {@code null}.
 */
public record RegistryDocument(List<Region> regions, List<Institution> institutions, List<Meter> meters,
                               List<Gateway> gateways, List<DataCenter> dataCenters, List<Vehicle> vehicles,
                               List<Quota> quotas, List<ApiUser> users) {

    public RegistryDocument {
        regions = regions == null ? List.of() : List.copyOf(regions);
        institutions = institutions == null ? List.of() : List.copyOf(institutions);
        meters = meters == null ? List.of() : List.copyOf(meters);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        dataCenters = dataCenters == null ? List.of() : List.copyOf(dataCenters);
        vehicles = vehicles == null ? List.of() : List.copyOf(vehicles);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public static RegistryDocument empty() {
        return new RegistryDocument(null, null, null, null, null, null, null, null);
    }
}
