package io.jieneng.analytics.report;

import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.SubItem;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the sub-item breakdown from the sub-meters' energy (pure). Decisions (docs/REPORTS.md):
 * <ul>
 *   <li>a data centre's {@code totalMeter} is the machine room, 01D00, and its {@code itMeter} the IT load, 01D10,
 *       whatever sub-item code they carry: the data-centre record says what they measure (as the simulators do);</li>
 *   <li>01D10 is part of 01D00: it adds to the metered sum only when the institution has no 01D00 meter, so the
 *       IT load is never counted twice;</li>
 *   <li>the whole is the consumption, import + PV − export: PV feeds the building behind the main meter, so the
 *       sub-meters see more than the grid import whenever the sun shines.</li>
 * </ul>
 */
public final class SubItemBreakdown {

    private SubItemBreakdown() {
    }

    /** The item a sub-meter measures, or null for a meter that is not an electricity sub-meter. */
    public static SubItem itemOf(Meter meter, List<DataCenter> dataCenters) {
        if (meter.type() != MeterType.ELECTRICITY || meter.role() != MeterRole.SUB) {
            return null;
        }
        for (DataCenter dc : dataCenters) {
            if (meter.id().equals(dc.totalMeter())) {
                return SubItem.SPECIAL;
            }
            if (meter.id().equals(dc.itMeter())) {
                return SubItem.IT_CENTRE;
            }
        }
        return meter.subitem();
    }

    /** The item a nested item is part of, or null for a first-level item. */
    public static SubItem parentOf(SubItem item) {
        return item == SubItem.IT_CENTRE ? SubItem.SPECIAL : null;
    }

    /**
     * @param meters       the institution's meters (others than electricity sub-meters are ignored)
     * @param kwhByMeterId the year's {@code energyKwh} of each sub-meter
     */
    public static SubItemSection of(List<Meter> meters, List<DataCenter> dataCenters, Map<String, Double> kwhByMeterId,
                                    double gridImportKwh, double pvGenerationKwh, double gridExportKwh) {
        Map<SubItem, List<String>> metersByItem = new EnumMap<>(SubItem.class);
        Map<SubItem, Double> kwhByItem = new EnumMap<>(SubItem.class);
        for (Meter m : meters) {
            SubItem item = itemOf(m, dataCenters);
            if (item == null) {
                continue;
            }
            metersByItem.computeIfAbsent(item, k -> new ArrayList<>()).add(m.id());
            kwhByItem.merge(item, kwhByMeterId.getOrDefault(m.id(), 0.0), Double::sum);
        }
        double consumption = gridImportKwh + pvGenerationKwh - gridExportKwh;
        List<SubItemSection.SubItemLine> lines = new ArrayList<>();
        double metered = 0;
        for (SubItem item : SubItem.values()) {
            if (!metersByItem.containsKey(item)) {
                continue;
            }
            SubItem parent = parentOf(item);
            boolean counted = parent == null || !metersByItem.containsKey(parent);
            double kwh = kwhByItem.get(item);
            if (counted) {
                metered += kwh;
            }
            lines.add(new SubItemSection.SubItemLine(item.code(), item.nameZh(), item.nameEn(),
                    parent == null ? 1 : 2, parent == null ? null : parent.code(), metersByItem.get(item), kwh,
                    counted, pct(kwh, consumption)));
        }
        double unmetered = consumption - metered;
        return new SubItemSection(consumption, gridImportKwh, pvGenerationKwh, gridExportKwh, lines, metered,
                unmetered, pct(unmetered, consumption));
    }

    static Double pct(double part, double whole) {
        return whole > 0 ? 100.0 * part / whole : null;
    }
}
