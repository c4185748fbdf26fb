package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import io.jieneng.devices.reading.ReadingField;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a meter measures (CONTRACT.md §2). It decides which reading fields the meter may send. */
public enum MeterType {
    ELECTRICITY, PV, WATER, GAS, HEAT;

    /**
     * The fields a meter of this type and role may send. Only a {@code main} electricity meter measures grid
     * export, because only main meters count toward the institution's grid balance (DOMAIN.md §2).
     */
    public Set<ReadingField> allowedFields(MeterRole role) {
        return switch (this) {
            case ELECTRICITY -> role == MeterRole.MAIN
                    ? EnumSet.of(ReadingField.ENERGY_KWH, ReadingField.EXPORT_KWH, ReadingField.POWER_KW)
                    : EnumSet.of(ReadingField.ENERGY_KWH, ReadingField.POWER_KW);
            case PV -> EnumSet.of(ReadingField.ENERGY_KWH, ReadingField.POWER_KW, ReadingField.IRRADIANCE_WM2,
                    ReadingField.TEMPERATURE_C);
            case WATER, GAS -> EnumSet.of(ReadingField.VOLUME_M3);
            case HEAT -> EnumSet.of(ReadingField.HEAT_GJ, ReadingField.POWER_KW, ReadingField.TEMPERATURE_C);
        };
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MeterType> fromJson(String s) {
        for (MeterType t : values()) {
            if (t.json().equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
