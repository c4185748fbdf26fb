package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.store.ReadingReader;

import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Meter energy computed from the raw readings on every call: the reference every faster path is checked against.
 */
public final class RawMeterEnergy implements MeterEnergySource {

    // Beyond 1.5 reporting intervals between two readings, at least one reading is missing: a gap.
    static final double GAP_FACTOR = 1.5;
    private static final long MIN_MARGIN_MILLIS = 3_600_000;

    private final Supplier<ReadingReader> store;
    private final Clock clock;

    public RawMeterEnergy(Supplier<ReadingReader> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The cumulative registers a meter may report. */
    public static Set<ReadingField> registers(Meter meter) {
        Set<ReadingField> out = EnumSet.noneOf(ReadingField.class);
        for (ReadingField f : meter.type().allowedFields(meter.role())) {
            if (f.isRegister()) {
                out.add(f);
            }
        }
        return out;
    }

    /** The longest span between two readings of {@code meter} that is not a gap. */
    public static long gapThresholdMillis(Meter meter) {
        return (long) (GAP_FACTOR * meter.intervalSeconds() * 1000);
    }

    @Override
    public Map<String, MeterSeries> series(List<Meter> meters, BucketGrid grid) {
        Map<String, Set<ReadingField>> registers = new LinkedHashMap<>();
        long margin = MIN_MARGIN_MILLIS;
        for (Meter m : meters) {
            registers.put(m.id(), registers(m));
            margin = Math.max(margin, 2_000L * m.intervalSeconds());
        }
        Map<String, List<Reading>> readings = ReadingWindow.fetch(store.get(), registers, grid.fromMillis(),
                grid.toMillis(), margin, clock.millis());
        Map<String, MeterSeries> out = new LinkedHashMap<>();
        for (Meter m : meters) {
            out.put(m.id(), compute(m, readings.get(m.id()), grid));
        }
        return out;
    }

    /** One meter's series from its readings (which may extend beyond the grid on both sides). */
    public static MeterSeries compute(Meter meter, List<Reading> readings, BucketGrid grid) {
        Map<ReadingField, double[]> energy = new EnumMap<>(ReadingField.class);
        boolean[] estimated = new boolean[grid.size()];
        for (ReadingField register : registers(meter)) {
            RegisterEnergy e = EnergyApportioner.apportion(timestamps(readings, register),
                    values(readings, register), grid, gapThresholdMillis(meter));
            double[] perBucket = new double[grid.size()];
            e.addInto(perBucket, estimated);
            energy.put(register, perBucket);
        }
        int[] received = Completeness.receivedPerBucket(timestamps(readings, null), grid);
        return new MeterSeries(meter, energy, received, estimated);
    }

    /** Timestamps of the readings that carry {@code field}, or of all readings when it is null. */
    static long[] timestamps(List<Reading> rs, ReadingField field) {
        return rs.stream().filter(r -> field == null || r.get(field) != null).mapToLong(Reading::tsMillis).toArray();
    }

    static double[] values(List<Reading> rs, ReadingField field) {
        return rs.stream().map(r -> r.get(field)).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
    }
}
