package io.jieneng.devices.sim.mqtt;

import io.jieneng.devices.sim.profile.SimulatedMeter;

import java.util.List;

/**
 * The meters that publish through one MQTT connection: a meter on its own, or all meters of a gateway.
 *
 * @param clientId the MQTT client id: the meter or gateway id
 * @param username the CONNECT user name: the meter or gateway id (docs/CONTRACT.md §1)
 * @param password the clear secret
 * @param meters   the meters published through this connection, at least one
 */
public record MeterGroup(String clientId, String username, String password, List<SimulatedMeter> meters) {

    public MeterGroup {
        meters = List.copyOf(meters);
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("a connection needs at least one meter: " + clientId);
        }
    }

    /** The topic of docs/CONTRACT.md §1 for a meter. */
    public static String topic(String meterId) {
        return "meters/" + meterId + "/readings";
    }

    @Override
    public String toString() {
        return clientId + " (" + meters.size() + " meter" + (meters.size() == 1 ? "" : "s") + ")";
    }
}
