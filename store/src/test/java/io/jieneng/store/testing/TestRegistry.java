package io.jieneng.store.testing;

import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegionLevel;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;

import java.util.List;

/** One institution with a main electricity meter: enough registry for the tags the stores write. */
public final class TestRegistry {

    public static final String MAIN = "gov-e-main";
    public static final String INSTITUTION = "js-gov-office";
    public static final String REGION = "320102";

    private TestRegistry() {
    }

    public static Registry registry() {
        return Registry.of(new RegistryDocument(
                List.of(new Region(REGION, "玄武区", RegionLevel.COUNTY, null)),
                List.of(new Institution(INSTITUTION, "江苏省机关事务管理局", REGION, "government", 42000.0, 850)),
                List.of(new Meter(MAIN, INSTITUTION, MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900, null,
                        "unused-secret")),
                List.of(), null, null, null, null));
    }
}
