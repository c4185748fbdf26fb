package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one meter contributed to a whole range: the interval energy of each of its cumulative registers summed over
 * the range (docs/DOMAIN.md §1), and the distinct readings received in it. The range-wide form of {@link MeterSeries},
 * for figures over many meters at once (quotas, regional summaries).
 *
 * @param energy   per register the meter has, the energy over the range in the register's unit (kWh, m³, GJ)
 * @param readings distinct reading timestamps received in the range
 */
public record MeterSum(Meter meter, Map<ReadingField, Double> energy, long readings) {

    public MeterSum {
        energy = Collections.unmodifiableMap(energy.isEmpty() ? new EnumMap<>(ReadingField.class)
                : new EnumMap<>(energy));
    }

    /** The sum over every bucket of {@code series}. */
    public static MeterSum of(MeterSeries series) {
        Map<ReadingField, Double> energy = new EnumMap<>(ReadingField.class);
        series.energy().forEach((register, perBucket) -> energy.put(register, series.total(register)));
        long readings = 0;
        for (int r : series.received()) {
            readings += r;
        }
        return new MeterSum(series.meter(), energy, readings);
    }

    /** The energy of {@code register} over the range, 0 when the meter has none. */
    public double energy(ReadingField register) {
        Double v = energy.get(register);
        return v == null ? 0.0 : v;
    }
}
