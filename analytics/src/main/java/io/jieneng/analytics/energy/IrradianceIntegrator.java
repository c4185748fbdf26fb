package io.jieneng.analytics.energy;

import java.util.Arrays;
import java.util.Objects;

/**
 * Irradiation H = ∫ G dt per bucket, in kWh/m², from instantaneous plane-of-array irradiance readings G in W/m²
 * (IEC 61724-1, docs/DOMAIN.md §5): the trapezoid rule between consecutive readings.
 *
 * <ul>
 *   <li>Readings are ordered by time with one value per timestamp (the largest, so the result does not depend on
 *       arrival order, as for registers).</li>
 *   <li>Between consecutive readings (t0, g0) → (t1, g1) the irradiance is taken as linear, so the pair contributes
 *       (t1 − t0) × (g0 + g1) ÷ 2. A bucket receives the integral of that line over the part of the pair it
 *       overlaps, which is again a trapezoid (with the interpolated irradiance at its ends): the buckets of a pair
 *       add up to the pair's trapezoid, and splitting a range never changes its sum.</li>
 *   <li>Before the first and after the last reading nothing is known, so nothing is added. A pair further apart
 *       than the gap threshold is still integrated, but the buckets it overlaps are marked estimated.</li>
 *   <li>Values are integrated as measured, negative night-time offsets of a sensor included: correcting a sensor
 *       is the operator's decision, not a silent rule here.</li>
 * </ul>
 */
public final class IrradianceIntegrator {

    /** W·ms per kWh: 1 kWh = 3.6 × 10⁶ J = 3.6 × 10⁹ W·ms. */
    static final double WMS_PER_KWH = 3.6e9;

    private IrradianceIntegrator() {
    }

    /**
     * @param tsMillis           reading timestamps, epoch ms, in any order, duplicates allowed
     * @param irradianceWm2      the irradiance of each reading in W/m² (finite), parallel to tsMillis
     * @param grid               the buckets
     * @param gapThresholdMillis a pair spanning more than this is a gap (must be &gt; 0)
     * @throws IllegalArgumentException for arrays of different lengths, a NaN or infinite value, or a threshold ≤ 0
     */
    public static IrradianceIntegral integrate(long[] tsMillis, double[] irradianceWm2, BucketGrid grid,
                                               long gapThresholdMillis) {
        Objects.requireNonNull(grid, "grid");
        if (tsMillis.length != irradianceWm2.length) {
            throw new IllegalArgumentException("tsMillis and irradianceWm2 differ in length: " + tsMillis.length
                    + " vs " + irradianceWm2.length);
        }
        if (gapThresholdMillis <= 0) {
            throw new IllegalArgumentException("gapThresholdMillis must be positive: " + gapThresholdMillis);
        }
        for (int i = 0; i < irradianceWm2.length; i++) {
            if (!Double.isFinite(irradianceWm2[i])) {
                throw new IllegalArgumentException("irradiance at ts " + tsMillis[i] + " is " + irradianceWm2[i]);
            }
        }
        long[] ts = tsMillis.clone();
        double[] gs = irradianceWm2.clone();
        int n = sortAndDeduplicate(ts, gs);
        int buckets = grid.size();
        double[] perBucket = new double[buckets];
        boolean[] estimated = new boolean[buckets];
        long from = grid.fromMillis();
        long to = grid.toMillis();
        int pairs = 0;
        int bucket = 0;
        for (int k = 1; k < n; k++) {
            long t0 = ts[k - 1];
            long t1 = ts[k];
            if (t1 <= from) {
                continue;
            }
            if (t0 >= to) {
                break;
            }
            pairs++;
            boolean gap = t1 - t0 > gapThresholdMillis;
            long a = Math.max(t0, from);
            long b = Math.min(t1, to);
            // Pairs come in time order, so the first bucket a pair touches never lies before the previous one's.
            while (grid.endMillis(bucket) <= a) {
                bucket++;
            }
            for (int i = bucket; i < buckets && grid.startMillis(i) < b; i++) {
                long s = Math.max(a, grid.startMillis(i));
                long e = Math.min(b, grid.endMillis(i));
                double g0 = at(s, t0, gs[k - 1], t1, gs[k]);
                double g1 = at(e, t0, gs[k - 1], t1, gs[k]);
                perBucket[i] += (e - s) * (g0 + g1) / 2 / WMS_PER_KWH;
                estimated[i] |= gap;
            }
        }
        return new IrradianceIntegral(perBucket, estimated, pairs);
    }

    /** The irradiance at {@code t} on the line through (t0, g0) and (t1, g1), exact at both ends. */
    private static double at(long t, long t0, double g0, long t1, double g1) {
        if (t == t0) {
            return g0;
        }
        if (t == t1) {
            return g1;
        }
        return g0 + (g1 - g0) * ((double) (t - t0) / (t1 - t0));
    }

    /** Sorts both arrays by time and keeps the largest value per timestamp; returns the number kept. */
    private static int sortAndDeduplicate(long[] ts, double[] gs) {
        Integer[] order = new Integer[ts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(ts[x], ts[y]));
        long[] sortedTs = new long[ts.length];
        double[] sortedGs = new double[gs.length];
        int kept = 0;
        for (int idx : order) {
            if (kept > 0 && sortedTs[kept - 1] == ts[idx]) {
                // +0.0 turns -0.0 into 0.0, so equal readings compare equal whatever their sign bit.
                sortedGs[kept - 1] = Math.max(sortedGs[kept - 1], gs[idx]) + 0.0;
            } else {
                sortedTs[kept] = ts[idx];
                sortedGs[kept] = gs[idx] + 0.0;
                kept++;
            }
        }
        System.arraycopy(sortedTs, 0, ts, 0, kept);
        System.arraycopy(sortedGs, 0, gs, 0, kept);
        return kept;
    }
}
