package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Drive of an official vehicle: new-energy ({@code NEV}) or internal combustion ({@code ICE}). */
public enum VehicleEnergy {
    NEV, ICE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VehicleEnergy> fromJson(String s) {
        for (VehicleEnergy e : values()) {
            if (e.json().equals(s)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
