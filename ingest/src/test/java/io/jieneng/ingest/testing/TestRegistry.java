package io.jieneng.ingest.testing;

import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegionLevel;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.SubItem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/** A small registry built in code, with the clear secrets the test devices connect with. */
public final class TestRegistry {

    public static final String MAIN = "gov-e-main";
    public static final String HVAC = "gov-e-hvac";
    public static final String PV = "gov-pv-1";
    public static final String WATER = "gov-water";
    public static final String GAS = "gov-gas";
    public static final String GATEWAY = "gw-1";
    public static final String INSTITUTION = "js-gov-office";
    public static final String REGION = "320102";

    private TestRegistry() {
    }

    /** The clear secret of a test device. */
    public static String secret(String deviceId) {
        // The import requires 128 bits of randomness: 32 hex digits, derived from the id so tests can recompute them.
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("secret-of-" + deviceId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static RegistryDocument document() {
        return new RegistryDocument(
                List.of(new Region("320000", "江苏省", RegionLevel.PROVINCE, null),
                        new Region("320100", "南京市", RegionLevel.CITY, "320000"),
                        new Region(REGION, "玄武区", RegionLevel.COUNTY, "320100")),
                List.of(new Institution(INSTITUTION, "江苏省机关事务管理局", REGION, "government", 42000.0, 850)),
                List.of(meter(MAIN, MeterType.ELECTRICITY, MeterRole.MAIN, null, LocalDate.of(2025, 1, 1)),
                        meter(HVAC, MeterType.ELECTRICITY, MeterRole.SUB, SubItem.HVAC, null),
                        meter(PV, MeterType.PV, null, null, null),
                        meter(WATER, MeterType.WATER, null, null, null),
                        meter(GAS, MeterType.GAS, null, null, null)),
                List.of(new Gateway(GATEWAY, List.of(WATER, GAS), secret(GATEWAY))),
                null, null, null, null);
    }

    public static Registry registry() {
        return Registry.of(document());
    }

    /** The test registry with the meters and gateways {@code ids} disabled, as a revoking import leaves it. */
    public static Registry disabling(String... ids) {
        java.util.Set<String> off = java.util.Set.of(ids);
        RegistryDocument d = document();
        return Registry.of(new RegistryDocument(d.regions(), d.institutions(),
                d.meters().stream().map(m -> new Meter(m.id(), m.institution(), m.type(), m.role(), m.subitem(),
                        m.capacityKwp(), m.intervalSeconds(), m.commissioned(), m.secret(),
                        off.contains(m.id()))).toList(),
                d.gateways().stream().map(g -> new Gateway(g.id(), g.meters(), g.secret(), off.contains(g.id())))
                        .toList(),
                d.dataCenters(), d.vehicles(), d.quotas(), d.users()));
    }

    private static Meter meter(String id, MeterType type, MeterRole role, SubItem subitem, LocalDate commissioned) {
        return new Meter(id, INSTITUTION, type, role, subitem, type == MeterType.PV ? 120.0 : null, 900,
                commissioned, secret(id));
    }
}
