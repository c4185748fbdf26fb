package io.jieneng.analytics.energy;

import java.util.Arrays;

/**
 * One register of one meter ordered by time with one value per timestamp (DOMAIN §1.1). Readings that share a
 * timestamp keep the largest value, so the outcome does not depend on the order in which they were stored or
 * arrived.
 */
final class RegisterSeries {

    final long[] tsMillis;
    final double[] values;

    private RegisterSeries(long[] tsMillis, double[] values) {
        this.tsMillis = tsMillis;
        this.values = values;
    }

    /**
     * @throws IllegalArgumentException when the arrays differ in length or a value is NaN, infinite or negative
     */
    static RegisterSeries of(long[] tsMillis, double[] values) {
        if (tsMillis.length != values.length) {
            throw new IllegalArgumentException("tsMillis and values differ in length: " + tsMillis.length + " vs "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("register value at ts " + tsMillis[i] + " is " + v
                        + "; a cumulative register must be finite and non-negative");
            }
        }
        int n = tsMillis.length;
        long[] ts = tsMillis.clone();
        double[] vs = values.clone();
        if (!isSorted(ts)) {
            sortByTime(ts, vs);
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (kept > 0 && ts[kept - 1] == ts[i]) {
                // +0.0 for -0.0 too, so equal readings compare equal whatever their sign bit.
                vs[kept - 1] = Math.max(vs[kept - 1], vs[i]) + 0.0;
            } else {
                ts[kept] = ts[i];
                vs[kept] = vs[i] + 0.0;
                kept++;
            }
        }
        return kept == n ? new RegisterSeries(ts, vs)
                : new RegisterSeries(Arrays.copyOf(ts, kept), Arrays.copyOf(vs, kept));
    }

    int size() {
        return tsMillis.length;
    }

    /** The distinct timestamps of {@code tsMillis}, ascending. */
    static long[] distinctSorted(long[] tsMillis) {
        long[] ts = tsMillis.clone();
        if (!isSorted(ts)) {
            Arrays.sort(ts);
        }
        int kept = 0;
        for (int i = 0; i < ts.length; i++) {
            if (kept == 0 || ts[kept - 1] != ts[i]) {
                ts[kept++] = ts[i];
            }
        }
        return kept == ts.length ? ts : Arrays.copyOf(ts, kept);
    }

    private static boolean isSorted(long[] ts) {
        for (int i = 1; i < ts.length; i++) {
            if (ts[i] < ts[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static void sortByTime(long[] ts, double[] vs) {
        Integer[] order = new Integer[ts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b]));
        long[] sortedTs = new long[ts.length];
        double[] sortedVs = new double[vs.length];
        for (int i = 0; i < order.length; i++) {
            sortedTs[i] = ts[order[i]];
            sortedVs[i] = vs[order[i]];
        }
        System.arraycopy(sortedTs, 0, ts, 0, ts.length);
        System.arraycopy(sortedVs, 0, vs, 0, vs.length);
    }
}
