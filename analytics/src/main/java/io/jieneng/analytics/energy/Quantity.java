package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;

import java.util.EnumMap;
import java.util.Map;

/** The institution quantities of docs/DOMAIN.md §2, and which meter register feeds each. */
public enum Quantity {
    GRID_IMPORT_KWH, GRID_EXPORT_KWH, PV_GENERATION_KWH, GAS_M3, WATER_M3, HEAT_GJ;

    /**
     * The registers of {@code meter} that count toward institution totals, and the quantity each feeds.
     * Sub-meters feed nothing: they are a breakdown only.
     */
    public static Map<ReadingField, Quantity> fedBy(Meter meter) {
        Map<ReadingField, Quantity> out = new EnumMap<>(ReadingField.class);
        switch (meter.type()) {
            case ELECTRICITY -> {
                if (meter.role() == MeterRole.MAIN) {
                    out.put(ReadingField.ENERGY_KWH, GRID_IMPORT_KWH);
                    out.put(ReadingField.EXPORT_KWH, GRID_EXPORT_KWH);
                }
            }
            case PV -> out.put(ReadingField.ENERGY_KWH, PV_GENERATION_KWH);
            case GAS -> out.put(ReadingField.VOLUME_M3, GAS_M3);
            case WATER -> out.put(ReadingField.VOLUME_M3, WATER_M3);
            case HEAT -> out.put(ReadingField.HEAT_GJ, HEAT_GJ);
        }
        return out;
    }
}
