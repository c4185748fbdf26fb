package io.jieneng.analytics.energy;

import io.jieneng.devices.registry.Meter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interval energy of meters over a bucket grid. The raw implementation computes it from the stored readings on
 * every call; a rollup-backed one reads precomputed hours and days and must give the same answer.
 */
public interface MeterEnergySource {

    /** Readings held in memory at once by the default {@link #sums}: meters are taken in chunks of about this. */
    long SUM_READING_BUDGET = 1_000_000;

    /** One series per meter, keyed by meter id, for every meter given. */
    Map<String, MeterSeries> series(List<Meter> meters, BucketGrid grid);

    /**
     * One sum over the whole grid per meter, keyed by meter id, for every meter given: the same figures as
     * summing {@link #series} over its buckets. The default computes the series of a few meters at a time, so
     * memory stays bounded for any number of meters; a rollup-backed source sums in the store instead.
     */
    default Map<String, MeterSum> sums(List<Meter> meters, BucketGrid grid) {
        Map<String, MeterSum> out = new LinkedHashMap<>();
        long rangeSeconds = Math.max(1, (grid.toMillis() - grid.fromMillis()) / 1000);
        List<Meter> chunk = new ArrayList<>();
        long expected = 0;
        for (Meter m : meters) {
            long mine = rangeSeconds / Math.max(1, m.intervalSeconds());
            if (!chunk.isEmpty() && expected + mine > SUM_READING_BUDGET) {
                series(chunk, grid).forEach((id, s) -> out.put(id, MeterSum.of(s)));
                chunk = new ArrayList<>();
                expected = 0;
            }
            chunk.add(m);
            expected += mine;
        }
        if (!chunk.isEmpty()) {
            series(chunk, grid).forEach((id, s) -> out.put(id, MeterSum.of(s)));
        }
        return out;
    }
}
