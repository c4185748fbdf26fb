package io.jieneng.analytics.energy;

import io.jieneng.devices.registry.Meter;

import java.util.List;
import java.util.Map;

/**
 * Interval energy of meters over a bucket grid. The raw implementation computes it from the stored readings on
 * every call; a rollup-backed one reads precomputed hours and days and must give the same answer.
 */
public interface MeterEnergySource {

    /** One series per meter, keyed by meter id, for every meter given. */
    Map<String, MeterSeries> series(List<Meter> meters, BucketGrid grid);
}
