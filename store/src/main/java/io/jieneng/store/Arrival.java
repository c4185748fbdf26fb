package io.jieneng.store;

import io.jieneng.devices.reading.Reading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one durable batch wrote for one meter: the earliest and latest reading time of that meter in the batch.
 * The rollup job recomputes the local days around this range (docs/ROLLUPS.md).
 *
 * @param meterId    the registry id of the meter
 * @param fromMillis the earliest reading time, epoch ms
 * @param toMillis   the latest reading time, epoch ms (≥ fromMillis)
 */
public record Arrival(String meterId, long fromMillis, long toMillis) {

    public Arrival {
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("an arrival range ends before it starts: " + fromMillis + " > "
                    + toMillis);
        }
    }

    /** One arrival per meter of {@code batch}, in the order the meters first appear. */
    public static List<Arrival> of(List<Reading> batch) {
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (Reading r : batch) {
            long[] range = ranges.computeIfAbsent(r.meterId(), k -> new long[]{r.tsMillis(), r.tsMillis()});
            range[0] = Math.min(range[0], r.tsMillis());
            range[1] = Math.max(range[1], r.tsMillis());
        }
        List<Arrival> out = new ArrayList<>(ranges.size());
        ranges.forEach((meter, range) -> out.add(new Arrival(meter, range[0], range[1])));
        return out;
    }
}
