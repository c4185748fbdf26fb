package io.jieneng.bench.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRankSamples() {
        double[] samples = new double[20];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 20 - i; // 20, 19, ..., 1: the order of arrival must not matter
        }
        LatencySummary s = LatencySummary.of(samples);

        assertThat(s.count()).isEqualTo(20);
        assertThat(s.minMs()).isEqualTo(1);
        assertThat(s.p50Ms()).isEqualTo(10);
        assertThat(s.p90Ms()).isEqualTo(18);
        assertThat(s.p95Ms()).isEqualTo(19);
        assertThat(s.p99Ms()).isEqualTo(20);
        assertThat(s.maxMs()).isEqualTo(20);
        assertThat(s.meanMs()).isEqualTo(10.5);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencySummary s = LatencySummary.of(new double[]{42.5});
        assertThat(s.p50Ms()).isEqualTo(42.5);
        assertThat(s.p95Ms()).isEqualTo(42.5);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> LatencySummary.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
