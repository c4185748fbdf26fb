package io.jieneng.devices.loadgen;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PercentilesTest {

    @Test
    void percentilesOfMicrosecondsComeOutInMillisecondsWithinTheHistogramsPrecision() {
        Histogram h = new Histogram(3);
        // 1 ms to 10 s in 1 ms steps: p50 = 5 s, p99 = 9.9 s, p99.9 = 9.99 s.
        for (long ms = 1; ms <= 10_000; ms++) {
            h.recordValue(ms * 1000);
        }
        Percentiles p = Percentiles.of(h);
        assertThat(p.count()).isEqualTo(10_000);
        assertThat(p.p50Ms()).isCloseTo(5_000, within(5_000 * 0.001));
        assertThat(p.p90Ms()).isCloseTo(9_000, within(9_000 * 0.001));
        assertThat(p.p99Ms()).isCloseTo(9_900, within(9_900 * 0.001));
        assertThat(p.p999Ms()).isCloseTo(9_990, within(9_990 * 0.001));
        assertThat(p.maxMs()).isCloseTo(10_000, within(10_000 * 0.001));
        assertThat(p.meanMs()).isCloseTo(5_000.5, within(5.0));
    }

    @Test
    void aSkewedDistributionShowsItsTail() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(800, 990);
        h.recordValueWithCount(250_000, 10);
        Percentiles p = Percentiles.of(h);
        assertThat(p.p50Ms()).isEqualTo(0.8);
        assertThat(p.p90Ms()).isEqualTo(0.8);
        assertThat(p.p99Ms()).isEqualTo(0.8);
        assertThat(p.p999Ms()).isCloseTo(250, within(0.25));
    }

    @Test
    void anEmptyWindowHasZeroes() {
        assertThat(Percentiles.of(new Histogram(3))).isEqualTo(new Percentiles(0, 0, 0, 0, 0, 0, 0));
    }
}
