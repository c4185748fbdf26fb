package io.jieneng.devices.sim.profile;

import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every meter of a registry document as a {@link SimulatedMeter}, grouped into one {@link InstitutionSite} per
 * institution. Meters that share a channel split it evenly (two main meters each see half the building), so the
 * meters of an institution stay consistent with each other. Deterministic for a given document and seed.
 */
public final class SimulatedFleet {

    /** Capacity assumed for a PV meter without {@code capacityKwp}. */
    static final double DEFAULT_PV_KWP = 50.0;

    private final Map<String, SimulatedMeter> meters;

    private SimulatedFleet(Map<String, SimulatedMeter> meters) {
        this.meters = meters;
    }

    /** The fleet with the bundled holiday calendar. */
    public static SimulatedFleet of(RegistryDocument document, long seed) {
        return of(document, seed, SiteCalendar.bundled());
    }

    /** The fleet whose offices keep the days off of {@code calendar}. */
    public static SimulatedFleet of(RegistryDocument document, long seed, WorkingCalendar calendar) {
        Map<String, Institution> institutions = new HashMap<>();
        document.institutions().forEach(i -> institutions.put(i.id(), i));
        Map<String, List<Meter>> byInstitution = new LinkedHashMap<>();
        document.meters().forEach(m -> byInstitution.computeIfAbsent(m.institution(), k -> new ArrayList<>()).add(m));

        Map<String, SimulatedMeter> out = new LinkedHashMap<>();
        byInstitution.forEach((institutionId, siteMeters) -> {
            List<DataCenter> dataCenters = document.dataCenters().stream()
                    .filter(dc -> institutionId != null && institutionId.equals(dc.institution()))
                    .toList();
            Map<String, Channel> channels = new LinkedHashMap<>();
            siteMeters.forEach(m -> channels.put(m.id(), Channel.of(m, document.dataCenters())));
            InstitutionSite site = site(institutionId, institutions.get(institutionId), siteMeters, channels,
                    !dataCenters.isEmpty(), seed, calendar);
            Map<Channel, Long> perChannel = new EnumMap<>(Channel.class);
            channels.values().forEach(c -> perChannel.merge(c, 1L, Long::sum));
            for (Meter m : siteMeters) {
                Channel channel = channels.get(m.id());
                double share = channel == Channel.PV ? pvKwp(m) : 1.0 / perChannel.get(channel);
                out.put(m.id(), new SimulatedMeter(m, channel, site, share, seed));
            }
        });
        return new SimulatedFleet(out);
    }

    private static InstitutionSite site(String id, Institution institution, List<Meter> meters,
                                        Map<String, Channel> channels, boolean dataCentreRecord, long seed,
                                        WorkingCalendar calendar) {
        double pvKwp = meters.stream().filter(m -> m.type() == MeterType.PV).mapToDouble(SimulatedFleet::pvKwp).sum();
        boolean machineRoom = dataCentreRecord || channels.values().stream()
                .anyMatch(c -> c == Channel.DATA_CENTRE_IT || c == Channel.DATA_CENTRE_TOTAL);
        Double floorArea = institution == null ? null : institution.floorAreaM2();
        Integer occupants = institution == null ? null : institution.occupants();
        return new InstitutionSite(id == null ? "" : id, floorArea, occupants, pvKwp, machineRoom, seed, calendar);
    }

    private static double pvKwp(Meter m) {
        return m.capacityKwp() != null && m.capacityKwp() > 0 ? m.capacityKwp() : DEFAULT_PV_KWP;
    }

    /** All meters, in the document's order. */
    public List<SimulatedMeter> meters() {
        return List.copyOf(meters.values());
    }

    public Optional<SimulatedMeter> meter(String id) {
        return Optional.ofNullable(meters.get(id));
    }
}
