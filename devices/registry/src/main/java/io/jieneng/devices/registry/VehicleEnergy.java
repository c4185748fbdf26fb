package io.jieneng.devices.registry;

import java.util.Optional;

/** Drive of an official vehicle: new-energy ({@code NEV}) or internal combustion ({@code ICE}). */
public enum VehicleEnergy implements JsonEnum {
    NEV, ICE;

    public static Optional<VehicleEnergy> fromJson(String s) {
        return JsonEnum.parse(VehicleEnergy.class, s);
    }
}
