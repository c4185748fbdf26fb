package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** One meter's per-bucket values while a query assembles them from rollups and recomputed days. */
final class BucketSums {

    private final Map<ReadingField, double[]> energy = new EnumMap<>(ReadingField.class);
    private final int[] received;
    private final boolean[] estimated;

    /** Zeros in every bucket: a bucket without a rollup row had no energy and no readings. */
    BucketSums(Set<ReadingField> registers, int buckets) {
        registers.forEach(r -> energy.put(r, new double[buckets]));
        received = new int[buckets];
        estimated = new boolean[buckets];
    }

    Set<ReadingField> registers() {
        return energy.keySet();
    }

    double[] energy(ReadingField register) {
        return energy.get(register);
    }

    int[] received() {
        return received;
    }

    boolean[] estimated() {
        return estimated;
    }

    /**
     * The sums over the buckets of {@code grid}, each of which must be a union of buckets of {@code base} (local
     * days into local months): energy and readings add up, estimated is true when any part was.
     */
    BucketSums fold(BucketGrid base, BucketGrid grid) {
        BucketSums out = new BucketSums(registers(), grid.size());
        for (int i = 0; i < base.size(); i++) {
            int k = grid.indexOf(base.startMillis(i));
            for (Map.Entry<ReadingField, double[]> e : energy.entrySet()) {
                out.energy.get(e.getKey())[k] += e.getValue()[i];
            }
            out.received[k] += received[i];
            out.estimated[k] |= estimated[i];
        }
        return out;
    }

    MeterSeries toSeries(Meter meter) {
        return new MeterSeries(meter, energy, received, estimated);
    }
}
