package io.jieneng.analytics.report;

import io.jieneng.devices.registry.Vehicle;
import io.jieneng.devices.registry.VehicleEnergy;

import java.util.Comparator;
import java.util.List;

/** The NEV share of the vehicles an institution acquired in a year (pure). */
public final class Vehicles {

    private Vehicles() {
    }

    /** nev ÷ all vehicles of {@code institutionId} acquired in {@code year}; the share is null when there are none. */
    public static VehicleSection section(List<Vehicle> all, String institutionId, int year, double target) {
        List<Vehicle> acquired = all.stream()
                .filter(v -> v.institution().equals(institutionId) && v.acquired() != null
                        && v.acquired().getYear() == year)
                .sorted(Comparator.comparing(Vehicle::acquired).thenComparing(Vehicle::id))
                .toList();
        int nev = (int) acquired.stream().filter(v -> v.energy() == VehicleEnergy.NEV).count();
        Double share = acquired.isEmpty() ? null : (double) nev / acquired.size();
        return new VehicleSection(acquired.size(), nev, acquired.size() - nev, share, target,
                share == null ? null : share >= target,
                acquired.stream().map(v -> new VehicleSection.VehicleLine(v.id(), v.energy().json(), v.acquired()))
                        .toList());
    }
}
