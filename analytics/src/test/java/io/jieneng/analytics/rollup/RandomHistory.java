package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random reading histories with what makes rollups hard: register resets, outages (gaps of up to two days),
 * duplicates (some with a corrected value), readings without some registers, readings carrying no register at
 * all, and arrival in random batches and order, so backfills land days after the days they change.
 */
final class RandomHistory {

    static final List<Meter> METERS = meters("h-");

    /** A main electricity meter, a PV meter, a water meter and a heat meter, with ids starting {@code prefix}. */
    static List<Meter> meters(String prefix) {
        return List.of(
                new Meter(prefix + "main", "i", MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900, null, null),
                new Meter(prefix + "pv", "i", MeterType.PV, null, null, 10.0, 900, null, null),
                new Meter(prefix + "water", "i", MeterType.WATER, null, null, null, 3600, null, null),
                new Meter(prefix + "heat", "i", MeterType.HEAT, null, null, null, 1800, null, null));
    }

    private RandomHistory() {
    }

    /** Readings of {@code meters} within [fromMillis, toMillis). */
    static List<Reading> readings(Random rnd, List<Meter> meters, long fromMillis, long toMillis, int perMeter) {
        List<Reading> out = new ArrayList<>();
        for (Meter m : meters) {
            long step = m.intervalSeconds() * 1000L;
            long t = fromMillis + (long) (rnd.nextDouble() * step * 4);
            Map<ReadingField, Double> value = new EnumMap<>(ReadingField.class);
            for (ReadingField r : RawMeterEnergy.registers(m)) {
                value.put(r, rnd.nextDouble() * 1000);
            }
            for (int k = 0; k < perMeter && t < toMillis; k++) {
                Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
                for (Map.Entry<ReadingField, Double> e : value.entrySet()) {
                    double v = rnd.nextDouble() < 0.04 ? rnd.nextDouble() * 3 : e.getValue() + rnd.nextDouble() * 5;
                    e.setValue(v);
                    if (rnd.nextDouble() > 0.1) {
                        values.put(e.getKey(), v);
                    }
                }
                // A reading without registers still counts as received; ingest refuses one without any field.
                if (values.isEmpty() || rnd.nextDouble() < 0.05) {
                    values.clear();
                    values.put(ReadingField.POWER_KW, rnd.nextDouble() * 10);
                }
                out.add(Reading.of(m.id(), t, values));
                if (rnd.nextDouble() < 0.05) {
                    Map<ReadingField, Double> again = new EnumMap<>(values);
                    if (!again.isEmpty() && rnd.nextBoolean()) {
                        ReadingField first = again.keySet().iterator().next();
                        again.put(first, again.get(first) + 0.5);
                    }
                    out.add(Reading.of(m.id(), t, again));
                }
                double jitter = 1 + (rnd.nextDouble() - 0.5) * 0.2;
                long next = (long) (step * jitter);
                if (rnd.nextDouble() < 0.06) {
                    next = (long) (rnd.nextDouble() * 48 * 3_600_000L);
                }
                t += Math.max(1, next);
            }
        }
        return out;
    }

    /** The readings shuffled and cut into between one and {@code maxBatches} batches. */
    static List<List<Reading>> batches(Random rnd, List<Reading> readings, int maxBatches) {
        List<Reading> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled, rnd);
        int n = 1 + rnd.nextInt(maxBatches);
        List<List<Reading>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (Reading r : shuffled) {
            out.get(rnd.nextInt(n)).add(r);
        }
        out.removeIf(List::isEmpty);
        return out;
    }
}
