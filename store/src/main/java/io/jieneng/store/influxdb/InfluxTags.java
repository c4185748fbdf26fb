package io.jieneng.store.influxdb;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.store.ReadingSchema;

import java.util.Map;
import java.util.TreeMap;

/** The tags of a meter's points, readings and rollups alike: its id and the registry attributes Grafana uses. */
final class InfluxTags {

    private InfluxTags() {
    }

    /**
     * The meter's tags sorted by key, as InfluxDB prefers. InfluxDB refuses empty tag values, so an absent
     * attribute is simply left out; a meter the registry does not know has only its id.
     */
    static Map<String, String> of(String meterId, Registry registry) {
        Map<String, String> tags = new TreeMap<>();
        tags.put(ReadingSchema.METER, meterId);
        registry.meter(meterId).ifPresent(m -> registryTags(m, registry, tags));
        tags.values().removeIf(v -> v == null || v.isEmpty());
        return tags;
    }

    private static void registryTags(Meter m, Registry registry, Map<String, String> tags) {
        tags.put(ReadingSchema.TAG_INSTITUTION, m.institution());
        tags.put(ReadingSchema.TAG_REGION, m.institution() == null ? null
                : registry.institution(m.institution()).map(i -> i.region()).orElse(null));
        tags.put(ReadingSchema.TAG_TYPE, m.type() == null ? null : m.type().json());
        tags.put(ReadingSchema.TAG_ROLE, m.role() == null ? null : m.role().json());
        tags.put(ReadingSchema.TAG_SUBITEM, m.subitem() == null ? null : m.subitem().code());
    }
}
