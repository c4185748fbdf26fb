package io.jieneng.devices.sim.profile;

import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.SubItem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Registry documents for the profile tests. */
final class TestRegistry {

    static final LocalDate COMMISSIONED = LocalDate.of(2025, 1, 1);

    private TestRegistry() {
    }

    static Meter electricity(String id, String institution, MeterRole role, SubItem subitem) {
        return new Meter(id, institution, MeterType.ELECTRICITY, role, subitem, null, 900, COMMISSIONED, "secret");
    }

    static Meter of(String id, String institution, MeterType type) {
        return new Meter(id, institution, type, null, null, null, 900, COMMISSIONED, "secret");
    }

    static Meter pv(String id, String institution, double kwp) {
        return new Meter(id, institution, MeterType.PV, null, null, kwp, 900, COMMISSIONED, "secret");
    }

    /** An office with every kind of meter: main, the five sub-items, PV, water, gas and heat. */
    static RegistryDocument fullOffice(double floorAreaM2, double pvKwp) {
        String i = "office";
        List<Meter> meters = new ArrayList<>(List.of(
                electricity("main", i, MeterRole.MAIN, null),
                electricity("lighting", i, MeterRole.SUB, SubItem.LIGHTING_SOCKETS),
                electricity("hvac", i, MeterRole.SUB, SubItem.HVAC),
                electricity("power", i, MeterRole.SUB, SubItem.POWER),
                electricity("dc-total", i, MeterRole.SUB, SubItem.SPECIAL),
                electricity("dc-it", i, MeterRole.SUB, SubItem.IT_CENTRE),
                of("water", i, MeterType.WATER),
                of("gas", i, MeterType.GAS),
                of("heat", i, MeterType.HEAT)));
        if (pvKwp > 0) {
            meters.add(pv("pv", i, pvKwp));
        }
        return new RegistryDocument(null,
                List.of(new Institution(i, "Office", "320000", "government", floorAreaM2, null)),
                meters, null, List.of(new DataCenter("dc", i, "dc-it", "dc-total")), null, null, null);
    }

    static SimulatedFleet fleet(RegistryDocument doc, long seed) {
        return SimulatedFleet.of(doc, seed);
    }

    static long midnight(LocalDate date) {
        return SiteTime.startOfDayMillis(date);
    }
}
