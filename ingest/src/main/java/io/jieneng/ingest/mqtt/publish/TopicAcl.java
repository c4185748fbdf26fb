package io.jieneng.ingest.mqtt.publish;

import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.mqtt.connect.DevicePrincipal;

import java.util.Optional;

/**
 * Who may publish where (docs/CONTRACT.md §1): a meter to {@code meters/{its id}/readings} only; a gateway to the
 * topics of the meters assigned to it; none of them for a disabled meter; the bridge to any meter's topic; an anonymous client to none. Checked against the current registry snapshot on every message, so an
 * unassigned meter or a removed device loses its rights without reconnecting.
 */
public final class TopicAcl {

    private static final String PREFIX = "meters/";
    private static final String SUFFIX = "/readings";

    private TopicAcl() {
    }

    /** The meter id of a {@code meters/{meterId}/readings} topic, or empty for any other topic. */
    public static Optional<String> meterOf(String topic) {
        if (!topic.startsWith(PREFIX) || !topic.endsWith(SUFFIX)
                || topic.length() <= PREFIX.length() + SUFFIX.length()) {
            return Optional.empty();
        }
        String id = topic.substring(PREFIX.length(), topic.length() - SUFFIX.length());
        return id.indexOf('/') >= 0 ? Optional.empty() : Optional.of(id);
    }

    /** The topic a meter publishes its readings to. */
    public static String topicOf(String meterId) {
        return PREFIX + meterId + SUFFIX;
    }

    private static boolean enabled(Registry registry, String meterId) {
        return registry.meter(meterId).map(m -> !m.disabled()).orElse(false);
    }

    /**
     * True when {@code who} may publish readings of {@code meterId}. A disabled meter's readings are refused
     * whoever sends them (itself, its gateway, the bridge); a disabled gateway may publish none.
     */
    public static boolean allows(DevicePrincipal who, String meterId, Registry registry) {
        return switch (who.kind()) {
            case METER -> who.id().equals(meterId) && enabled(registry, meterId);
            case GATEWAY -> registry.gateway(who.id()).map(g -> !g.disabled() && g.meters().contains(meterId))
                    .orElse(false) && enabled(registry, meterId);
            // An unknown meter is let through here only to be refused as unknown_meter by the next check.
            case BRIDGE -> registry.meter(meterId).map(m -> !m.disabled()).orElse(true);
            case ANONYMOUS -> false;
        };
    }
}
