package io.jieneng.devices.registry.internal;

import java.util.List;

/** The names of the registry document's sections, in document order (also the sections of an ImportResult). */
final class Sections {

    static final String REGIONS = "regions";
    static final String INSTITUTIONS = "institutions";
    static final String METERS = "meters";
    static final String GATEWAYS = "gateways";
    static final String DATA_CENTERS = "dataCenters";
    static final String VEHICLES = "vehicles";
    static final String QUOTAS = "quotas";
    static final String USERS = "users";

    /** Every section, in the order of the document, which is also an order that satisfies every reference. */
    static final List<String> ALL = List.of(REGIONS, INSTITUTIONS, METERS, GATEWAYS, DATA_CENTERS, VEHICLES,
            QUOTAS, USERS);

    private Sections() {
    }
}
