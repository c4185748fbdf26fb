package io.jieneng.analytics.rollup;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Registry;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a meter's rollups were computed with: its type and role decide its registers, its reporting interval the
 * gap threshold. When one of them changes in the registry, the stored rollups of that meter no longer match what
 * the raw readings give, and must be recomputed.
 */
record MeterSettings(MeterType type, MeterRole role, int intervalSeconds) {

    static Map<String, MeterSettings> of(Registry registry) {
        return registry.document().meters().stream().collect(Collectors.toMap(Meter::id,
                m -> new MeterSettings(m.type(), m.role(), m.intervalSeconds())));
    }

    /** The meters of {@code before} whose settings differ in {@code after} (meters added or removed are not). */
    static Set<String> changed(Map<String, MeterSettings> before, Map<String, MeterSettings> after) {
        Set<String> out = new TreeSet<>();
        before.forEach((id, settings) -> {
            MeterSettings now = after.get(id);
            if (now != null && !now.equals(settings)) {
                out.add(id);
            }
        });
        return out;
    }
}
