package io.jieneng.devices.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * Batches of InfluxDB line protocol shaped exactly like the points ingest writes for the bench registry's meters
 * (measurement {@code readings}, tag {@code meter} plus the registry tags, fields energyKwh, exportKwh and powerKw,
 * millisecond time), so that the raw write rate is the ceiling of the same write. Each meter's timestamps advance
 * by 1 ms from an hour ago, so no point overwrites another. Not thread-safe: one per writer thread.
 */
final class LineProtocolBatch {

    private final int[] meters;
    private final String[] seriesKeys;
    private final MeterSeries[] series;
    private final TsClock[] clocks;
    private final StringBuilder text = new StringBuilder();
    private int next;

    /** @param meterNumbers the bench meters (from 1) this writer covers */
    LineProtocolBatch(int[] meterNumbers, long startMillis) {
        this.meters = meterNumbers.clone();
        seriesKeys = new String[meters.length];
        series = new MeterSeries[meters.length];
        clocks = new TsClock[meters.length];
        for (int k = 0; k < meters.length; k++) {
            int m = meters[k];
            // Tags in key order, as InfluxDB stores them.
            seriesKeys[k] = "readings,institution=" + BenchRegistry.institutionOf(m) + ",meter="
                    + BenchRegistry.meterId(m) + ",region=" + BenchRegistry.CITY + ",role=main,type=electricity ";
            series[k] = new MeterSeries(m - 1);
            clocks[k] = new TsClock(startMillis, 1);
        }
    }

    /** The next {@code points} points, round-robin over the meters, as the body of one {@code /write}. */
    byte[] next(int points, long nowMillis) {
        text.setLength(0);
        for (int i = 0; i < points; i++) {
            int k = next;
            next = next + 1 == meters.length ? 0 : next + 1;
            long ts = clocks[k].reserve(1, nowMillis);
            if (ts < 0) {
                throw new IllegalStateException("meter " + meters[k] + " caught up with the wall clock: use more"
                        + " meters or a shorter run");
            }
            MeterSeries s = series[k];
            text.append(seriesKeys[k]).append("energyKwh=");
            fixed(s.energyMicroKwh());
            text.append(",exportKwh=");
            fixed(s.exportMicroKwh());
            text.append(",powerKw=");
            fixed(s.powerMicroKw());
            text.append(' ').append(ts).append('\n');
            s.advance(1);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void fixed(long micro) {
        long frac = micro % 1_000_000L;
        text.append(micro / 1_000_000L).append('.');
        for (long d = 100_000L; d > 1 && frac < d; d /= 10) {
            text.append('0');
        }
        text.append(frac);
    }
}
