package io.jieneng.analytics.energy;

import java.util.Objects;

/**
 * Turns the readings of one cumulative register into energy per bucket (DOMAIN §1).
 *
 * <ul>
 *   <li>Readings are ordered by time with one value per timestamp (the largest, see {@link RegisterSeries}).</li>
 *   <li>Between consecutive readings (t0, v0) → (t1, v1) the delta is v1 − v0, or v1 when v1 &lt; v0 (a reset:
 *       the register restarted from zero).</li>
 *   <li>The delta is spread uniformly over (t0, t1] and each bucket receives the share that overlaps it, so a
 *       pair straddling a bucket or range edge is split exactly by time.</li>
 *   <li>The first reading is a baseline and adds nothing. Buckets that no pair reaches (before the first reading or
 *       after the last) hold 0 and are not flagged: their energy is not known yet, and completeness reports the
 *       missing readings.</li>
 *   <li>A pair further apart than the gap threshold is still spread, but every bucket it overlaps is marked
 *       estimated, because the true profile inside the gap is unknown.</li>
 * </ul>
 *
 * <p>Callers pass the last reading before the range and the first after it, so that the pairs straddling the
 * edges contribute their in-range share. Only the parts of pairs inside [from, to) count.
 */
public final class EnergyApportioner {

    private EnergyApportioner() {
    }

    /**
     * @param tsMillis           reading timestamps, epoch milliseconds, in any order, duplicates allowed
     * @param values             the register value of each reading (finite, ≥ 0), parallel to tsMillis
     * @param grid               the buckets
     * @param gapThresholdMillis a pair spanning more than this is a gap (must be &gt; 0)
     * @throws IllegalArgumentException for arrays of different lengths, a NaN, infinite or negative value, or a
     *                                  threshold ≤ 0
     */
    public static RegisterEnergy apportion(long[] tsMillis, double[] values, BucketGrid grid,
            long gapThresholdMillis) {
        Objects.requireNonNull(grid, "grid");
        if (gapThresholdMillis <= 0) {
            throw new IllegalArgumentException("gapThresholdMillis must be positive: " + gapThresholdMillis);
        }
        RegisterSeries series = RegisterSeries.of(tsMillis, values);
        long[] ts = series.tsMillis;
        double[] vs = series.values;
        int buckets = grid.size();
        double[] perBucket = new double[buckets];
        boolean[] estimated = new boolean[buckets];
        long from = grid.fromMillis();
        long to = grid.toMillis();
        int resets = 0;
        int bucket = 0;
        for (int k = 1; k < ts.length; k++) {
            long t0 = ts[k - 1];
            long t1 = ts[k];
            if (t1 <= from) {
                continue;
            }
            if (t0 >= to) {
                break;
            }
            double delta;
            if (vs[k] >= vs[k - 1]) {
                delta = vs[k] - vs[k - 1];
            } else {
                delta = vs[k];
                resets++;
            }
            long span = t1 - t0;
            boolean gap = span > gapThresholdMillis;
            long a = Math.max(t0, from);
            long b = Math.min(t1, to);
            // Pairs arrive in time order, so the first bucket a pair touches never lies before the previous one's.
            while (grid.endMillis(bucket) <= a) {
                bucket++;
            }
            for (int i = bucket; i < buckets && grid.startMillis(i) < b; i++) {
                long overlap = Math.min(b, grid.endMillis(i)) - Math.max(a, grid.startMillis(i));
                perBucket[i] += overlap == span ? delta : delta * ((double) overlap / span);
                estimated[i] |= gap;
            }
        }
        double total = 0.0;
        for (double e : perBucket) {
            total += e;
        }
        return new RegisterEnergy(perBucket, estimated, resets, total);
    }
}
