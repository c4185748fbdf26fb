package io.jieneng.bench.tools;

import java.util.Arrays;

/**
 * Percentiles of a set of request latencies by the nearest-rank method: the p-th percentile is the smallest sample
 * with at least p % of the samples at or below it, so p95 of 20 samples is the 19th. Nothing is interpolated, so
 * each figure is a latency that was actually measured.
 *
 * @param count the number of samples
 */
public record LatencySummary(int count, double minMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
                             double maxMs, double meanMs) {

    /** @throws IllegalArgumentException for no samples */
    public static LatencySummary of(double[] samplesMs) {
        if (samplesMs.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samplesMs.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new LatencySummary(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 95),
                rank(sorted, 99), sorted[sorted.length - 1], sum / sorted.length);
    }

    static double rank(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
