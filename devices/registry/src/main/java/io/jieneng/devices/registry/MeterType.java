package io.jieneng.devices.registry;

import io.jieneng.devices.reading.ReadingField;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a meter measures (docs/CONTRACT.md §2). It decides which reading fields the meter may send. */
public enum MeterType implements JsonEnum {
    ELECTRICITY, PV, WATER, GAS, HEAT;

    /**
     * The fields a meter of this type and role may send. Only a {@code main} electricity meter measures grid
     * export, because only main meters count toward the institution's grid balance (docs/DOMAIN.md §2).
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

    public static Optional<MeterType> fromJson(String s) {
        return JsonEnum.parse(MeterType.class, s);
    }
}
