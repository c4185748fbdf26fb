package io.jieneng.devices.reading;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of one meter at one instant. A field the meter did not send is {@code null}.
 *
 * @param meterId        the registry id of the meter
 * @param tsMillis       epoch milliseconds (UTC)
 * @param energyKwh      cumulative import (electricity) or generation (PV), kWh
 * @param exportKwh      cumulative export to the grid, kWh
 * @param volumeM3       cumulative water or gas volume, m³
 * @param heatGj         cumulative heat, GJ
 * @param powerKw        instantaneous active power, kW
 * @param irradianceWm2  instantaneous irradiance, W/m²
 * @param temperatureC   instantaneous temperature, °C
 */
public record Reading(String meterId, long tsMillis, Double energyKwh, Double exportKwh, Double volumeM3,
                      Double heatGj, Double powerKw, Double irradianceWm2, Double temperatureC) {

    public Reading {
        Objects.requireNonNull(meterId, "meterId");
    }

    /** The value of {@code field}, or {@code null} when the meter did not send it. */
    public Double get(ReadingField field) {
        return switch (field) {
            case ENERGY_KWH -> energyKwh;
            case EXPORT_KWH -> exportKwh;
            case VOLUME_M3 -> volumeM3;
            case HEAT_GJ -> heatGj;
            case POWER_KW -> powerKw;
            case IRRADIANCE_WM2 -> irradianceWm2;
            case TEMPERATURE_C -> temperatureC;
        };
    }

    /** The fields that are present, in declaration order. */
    public Map<ReadingField, Double> values() {
        Map<ReadingField, Double> out = new EnumMap<>(ReadingField.class);
        for (ReadingField f : ReadingField.values()) {
            Double v = get(f);
            if (v != null) {
                out.put(f, v);
            }
        }
        return out;
    }

    /** Builds a reading from a map of present fields. */
    public static Reading of(String meterId, long tsMillis, Map<ReadingField, Double> values) {
        return new Reading(meterId, tsMillis, values.get(ReadingField.ENERGY_KWH), values.get(ReadingField.EXPORT_KWH),
                values.get(ReadingField.VOLUME_M3), values.get(ReadingField.HEAT_GJ), values.get(ReadingField.POWER_KW),
                values.get(ReadingField.IRRADIANCE_WM2), values.get(ReadingField.TEMPERATURE_C));
    }
}
