package io.jieneng.devices.sim.profile;

import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;

import java.util.List;

/**
 * What part of an institution's energy and water a meter sees. MOHURD 01D10 (IT centre) is a second-level item
 * nested in 01D00 (special): a data centre's total meter includes its IT meter, so only first-level sub-items
 * ({@link #isFirstLevelSubItem()}) add up to a share of the main meter.
 */
public enum Channel {
    /** The grid connection: import of building load net of PV, and export of the PV surplus. */
    MAIN,
    LIGHTING_SOCKETS,
    HVAC,
    POWER,
    /** The whole machine room (01D00, or a data centre's {@code totalMeter}). */
    DATA_CENTRE_TOTAL,
    /** The machine room's IT equipment (01D10, or a data centre's {@code itMeter}). */
    DATA_CENTRE_IT,
    PV,
    WATER,
    GAS,
    HEAT;

    /** True for the sub-items whose sum is the metered part of the main meter's consumption. */
    public boolean isFirstLevelSubItem() {
        return this == LIGHTING_SOCKETS || this == HVAC || this == POWER || this == DATA_CENTRE_TOTAL;
    }

    /** The channel of {@code meter}; a data-centre record wins over the sub-item code. */
    public static Channel of(Meter meter, List<DataCenter> dataCenters) {
        for (DataCenter dc : dataCenters) {
            if (meter.id().equals(dc.itMeter())) {
                return DATA_CENTRE_IT;
            }
            if (meter.id().equals(dc.totalMeter())) {
                return DATA_CENTRE_TOTAL;
            }
        }
        return switch (meter.type()) {
            case PV -> PV;
            case WATER -> WATER;
            case GAS -> GAS;
            case HEAT -> HEAT;
            case ELECTRICITY -> meter.role() == MeterRole.SUB ? subItem(meter) : MAIN;
        };
    }

    private static Channel subItem(Meter meter) {
        if (meter.subitem() == null) {
            return LIGHTING_SOCKETS;
        }
        return switch (meter.subitem()) {
            case LIGHTING_SOCKETS -> LIGHTING_SOCKETS;
            case HVAC -> HVAC;
            case POWER -> POWER;
            case SPECIAL -> DATA_CENTRE_TOTAL;
            case IT_CENTRE -> DATA_CENTRE_IT;
        };
    }
}
