package io.jieneng.devices.registry;

import java.time.LocalDate;

/**
 * An official vehicle, counted toward the new-energy-vehicle share of the year it was acquired.
 *
 * @param id the licence plate, e.g. {@code 苏A12345}
 */
public record Vehicle(String id, String institution, VehicleEnergy energy, LocalDate acquired) {
}
