package io.jieneng.devices.loadgen;

import org.HdrHistogram.Histogram;

/**
 * Acknowledgement latency of the measured window, in milliseconds: from writing a PUBLISH to reading its PUBACK
 * (QoS 1) or PUBCOMP (QoS 2). Recorded in microseconds with 3 significant digits (HdrHistogram), so each value is
 * within 0.1 % of the true one.
 *
 * @param count messages whose latency was recorded; it can differ from the window's completed messages by the few
 *              acknowledgements that arrive between reading the histogram and reading the counters
 */
public record Percentiles(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                          double maxMs) {

    /** The percentiles of a histogram of microsecond values; all zero for an empty one. */
    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(micros.getTotalCount(), round(micros.getMean()),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return round(micros);
    }

    /** Microseconds to milliseconds, rounded to the microsecond. */
    private static double round(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
