package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.ReadingField;

/**
 * What one meter sees at one instant: the rates at which its cumulative registers grow, and its instantaneous
 * values. All are finite and non-negative.
 *
 * @param energyKw        growth of {@code energyKwh}, kW (import, or PV generation)
 * @param exportKw        growth of {@code exportKwh}, kW
 * @param volumeM3PerHour growth of {@code volumeM3}, m³/h
 * @param heatGjPerHour   growth of {@code heatGj}, GJ/h
 * @param powerKw         instantaneous active (or thermal) power, kW
 * @param irradianceWm2   instantaneous irradiance, W/m²
 * @param temperatureC    instantaneous temperature (PV module, heat supply), °C
 */
public record MeterRates(double energyKw, double exportKw, double volumeM3PerHour, double heatGjPerHour,
                         double powerKw, double irradianceWm2, double temperatureC) {

    /** The cumulative registers, in the order of {@link #registerRatePerHour(int)}. */
    static final ReadingField[] REGISTERS = {
        ReadingField.ENERGY_KWH, ReadingField.EXPORT_KWH, ReadingField.VOLUME_M3, ReadingField.HEAT_GJ};

    static MeterRates electric(double kw) {
        return new MeterRates(kw, 0.0, 0.0, 0.0, kw, 0.0, 0.0);
    }

    static MeterRates volume(double m3PerHour) {
        return new MeterRates(0.0, 0.0, m3PerHour, 0.0, 0.0, 0.0, 0.0);
    }

    /** Growth per hour of register {@code i} of {@link #REGISTERS}. */
    double registerRatePerHour(int i) {
        return switch (i) {
            case 0 -> energyKw;
            case 1 -> exportKw;
            case 2 -> volumeM3PerHour;
            case 3 -> heatGjPerHour;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** The instantaneous value of a non-register field. */
    double instantaneous(ReadingField field) {
        return switch (field) {
            case POWER_KW -> powerKw;
            case IRRADIANCE_WM2 -> irradianceWm2;
            case TEMPERATURE_C -> temperatureC;
            default -> throw new IllegalArgumentException(field + " is a register");
        };
    }
}
