package io.jieneng.analytics.energy;

/**
 * Data completeness (DOMAIN §1.6): for a bucket, Σ over meters of min(received, expected) ÷ Σ expected, where
 * expected is the time the meter was active in the bucket divided by its reporting interval and received is the
 * number of distinct reading timestamps in the bucket. Capping each meter at its expectation keeps a meter that
 * reports too often from hiding one that is silent.
 */
public final class Completeness {

    private Completeness() {
    }

    /**
     * Adds one meter's contribution to the per-bucket sums.
     *
     * @param readingTsMillis  the meter's reading timestamps (any order, duplicates count once); those outside the
     *                         grid are ignored
     * @param grid             the buckets
     * @param activeFromMillis when the meter was commissioned, or {@link Long#MIN_VALUE}
     * @param activeUntilMillis "now": later parts of buckets expect nothing
     * @param intervalSeconds  the meter's reporting interval (&gt; 0)
     * @param receivedCapped   per bucket, Σ min(received, expected); added to
     * @param expected         per bucket, Σ expected; added to
     */
    public static void accumulate(long[] readingTsMillis, BucketGrid grid, long activeFromMillis,
            long activeUntilMillis, int intervalSeconds, double[] receivedCapped, double[] expected) {
        accumulate(receivedPerBucket(readingTsMillis, grid), grid, activeFromMillis, activeUntilMillis,
                intervalSeconds, receivedCapped, expected);
    }

    /** The number of distinct reading timestamps in each bucket; those outside the grid are ignored. */
    public static int[] receivedPerBucket(long[] readingTsMillis, BucketGrid grid) {
        long[] ts = RegisterSeries.distinctSorted(readingTsMillis);
        int[] received = new int[grid.size()];
        int k = 0;
        for (int i = 0; i < received.length; i++) {
            long start = grid.startMillis(i);
            long end = grid.endMillis(i);
            while (k < ts.length && ts[k] < start) {
                k++;
            }
            while (k < ts.length && ts[k] < end) {
                received[i]++;
                k++;
            }
        }
        return received;
    }

    /**
     * Adds one meter's contribution from its per-bucket counts of distinct readings (as the rollups keep them).
     *
     * @see #accumulate(long[], BucketGrid, long, long, int, double[], double[])
     */
    public static void accumulate(int[] received, BucketGrid grid, long activeFromMillis, long activeUntilMillis,
                                  int intervalSeconds, double[] receivedCapped, double[] expected) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("intervalSeconds must be positive: " + intervalSeconds);
        }
        int buckets = grid.size();
        if (received.length != buckets || receivedCapped.length != buckets || expected.length != buckets) {
            throw new IllegalArgumentException("expected arrays of " + buckets + " buckets, got "
                    + received.length + ", " + receivedCapped.length + " and " + expected.length);
        }
        double intervalMillis = intervalSeconds * 1000.0;
        for (int i = 0; i < buckets; i++) {
            long activeStart = Math.max(grid.startMillis(i), activeFromMillis);
            long activeEnd = Math.min(grid.endMillis(i), activeUntilMillis);
            double expectedHere = activeEnd > activeStart ? (activeEnd - activeStart) / intervalMillis : 0.0;
            receivedCapped[i] += Math.min(received[i], expectedHere);
            expected[i] += expectedHere;
        }
    }

    /** Σ min(received, expected) ÷ Σ expected, or {@code null} when nothing was expected. */
    public static Double ratio(double receivedCapped, double expected) {
        if (expected <= 0) {
            return null;
        }
        return receivedCapped / expected;
    }
}
