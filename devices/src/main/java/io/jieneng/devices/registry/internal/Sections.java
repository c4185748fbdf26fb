package io.jieneng.devices.registry.internal;

import java.util.List;

/** The names of the registry document's sections, in document order (also the sections of an ImportResult). */
public final class Sections {

    public static final String REGIONS = "regions";
    public static final String INSTITUTIONS = "institutions";
    public static final String METERS = "meters";
    public static final String GATEWAYS = "gateways";
    public static final String DATA_CENTERS = "dataCenters";
    public static final String VEHICLES = "vehicles";
    public static final String QUOTAS = "quotas";
    public static final String USERS = "users";

    /** Every section, in the order of the document, which is also an order that satisfies every reference. */
    public static final List<String> ALL = List.of(REGIONS, INSTITUTIONS, METERS, GATEWAYS, DATA_CENTERS, VEHICLES,
            QUOTAS, USERS);

    private Sections() {
    }
}
