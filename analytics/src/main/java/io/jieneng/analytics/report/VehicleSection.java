package io.jieneng.analytics.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The new-energy share of the official vehicles acquired in the year, against the 30 % target (docs/DOMAIN.md §6).
 *
 * @param nevShare  nev ÷ acquired; null when no vehicle was acquired
 * @param targetMet nevShare ≥ targetShare; null when no vehicle was acquired
 */
public record VehicleSection(int acquired, int nev, int ice, Double nevShare, double targetShare, Boolean targetMet,
                             List<VehicleLine> vehicles) {

    public VehicleSection {
        vehicles = List.copyOf(vehicles);
    }

    /** @param energy {@code nev} or {@code ice} */
    public record VehicleLine(String id, String energy, LocalDate acquired) {
    }
}
