package io.jieneng.devices.reading;

import java.util.Optional;

/**
 * A value a meter may report (docs/CONTRACT.md §1). Cumulative registers are monotonic and turn into interval energy;
 * instantaneous values are sampled as they are.
 */
public enum ReadingField {
    /** Import for electricity meters, generation for PV meters, in kWh; cumulative. */
    ENERGY_KWH("energyKwh", true),
    /** Export to the grid, in kWh; cumulative. */
    EXPORT_KWH("exportKwh", true),
    /** Water or gas volume, in m³; cumulative. */
    VOLUME_M3("volumeM3", true),
    /** Heat, in GJ; cumulative. */
    HEAT_GJ("heatGj", true),
    /** Active power in kW; instantaneous. */
    POWER_KW("powerKw", false),
    /** Plane-of-array irradiance in W/m²; instantaneous. */
    IRRADIANCE_WM2("irradianceWm2", false),
    /** Temperature in °C (module, outdoor or supply); instantaneous. */
    TEMPERATURE_C("temperatureC", false);

    private static final ReadingField[] VALUES = values();

    private final String jsonName;
    private final boolean register;

    ReadingField(String jsonName, boolean register) {
        this.jsonName = jsonName;
        this.register = register;
    }

    /** The field's name in the MQTT payload, in the time-series stores and in the API. */
    public String jsonName() {
        return jsonName;
    }

    /** True for cumulative registers, which must be finite and non-negative and whose decrease means a reset. */
    public boolean isRegister() {
        return register;
    }

    public static Optional<ReadingField> fromJsonName(String name) {
        for (ReadingField f : VALUES) {
            if (f.jsonName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
