package io.jieneng.devices.sim.mqtt;

import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.sim.profile.SimulatedFleet;
import io.jieneng.devices.sim.profile.SimulatedMeter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which connection each meter publishes through. A meter assigned to a gateway that has a secret goes
 * through the gateway's single connection (the first such gateway, if the document lists it twice); any other
 * meter with a secret connects on its own; a meter with neither cannot log in and is left out.
 *
 * @param groups  the connections to open
 * @param skipped ids of the meters that have no credentials to publish with
 */
public record MeterGroups(List<MeterGroup> groups, List<String> skipped) {

    public MeterGroups {
        groups = List.copyOf(groups);
        skipped = List.copyOf(skipped);
    }

    public static MeterGroups plan(RegistryDocument document, SimulatedFleet fleet) {
        List<MeterGroup> groups = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (Gateway gateway : document.gateways()) {
            if (isBlank(gateway.secret())) {
                continue;
            }
            List<SimulatedMeter> meters = new ArrayList<>();
            for (String id : gateway.meters()) {
                Optional<SimulatedMeter> meter = fleet.meter(id);
                if (meter.isPresent() && placed.add(id)) {
                    meters.add(meter.get());
                }
            }
            if (!meters.isEmpty()) {
                groups.add(new MeterGroup(gateway.id(), gateway.id(), gateway.secret(), meters));
            }
        }
        List<String> skipped = new ArrayList<>();
        for (SimulatedMeter meter : fleet.meters()) {
            if (placed.contains(meter.meterId())) {
                continue;
            }
            String secret = meter.meter().secret();
            if (isBlank(secret)) {
                skipped.add(meter.meterId());
            } else {
                groups.add(new MeterGroup(meter.meterId(), meter.meterId(), secret, List.of(meter)));
            }
        }
        return new MeterGroups(groups, skipped);
    }

    /** How many meters the connections carry. */
    public int meterCount() {
        return groups.stream().mapToInt(g -> g.meters().size()).sum();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
