package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one meter contributed to each bucket of a grid: the interval energy of each of its cumulative registers
 * (docs/DOMAIN.md §1), the number of distinct readings received, and whether a gap was spread into the bucket.
 * Every figure the API returns is built from these.
 *
 * @param energy   per register, the energy in each bucket (kWh, m³ or GJ, the register's unit)
 * @param received per bucket, the distinct reading timestamps received (for completeness)
 * @param estimated per bucket, true when part of the energy was spread over a gap
 */
public record MeterSeries(Meter meter, Map<ReadingField, double[]> energy, int[] received, boolean[] estimated) {

    public MeterSeries {
        energy = Collections.unmodifiableMap(new EnumMap<>(energy));
    }

    /** The energy of {@code register} per bucket, zeros when the meter has none. */
    public double[] energy(ReadingField register) {
        double[] e = energy.get(register);
        return e == null ? new double[received.length] : e;
    }

    /** The sum over all buckets of {@code register}'s energy. */
    public double total(ReadingField register) {
        double sum = 0;
        for (double v : energy(register)) {
            sum += v;
        }
        return sum;
    }
}
