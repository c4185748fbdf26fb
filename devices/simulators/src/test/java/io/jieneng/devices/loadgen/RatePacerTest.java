package io.jieneng.devices.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatePacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void owesTheRateTimesTheElapsedTimeLessWhatWasSent() {
        RatePacer p = new RatePacer(1000, 1.0, 0);
        assertThat(p.due(0)).isZero();
        assertThat(p.due(10 * MS)).isEqualTo(10);
        p.issued(4);
        assertThat(p.due(10 * MS)).isEqualTo(6);
        p.issued(6);
        assertThat(p.due(10 * MS + MS / 2)).isZero();
        assertThat(p.due(1000 * MS)).isEqualTo(990);
    }

    @Test
    void aSenderMoreThanTheBacklogBehindGivesTheExcessUpAndCountsIt() {
        RatePacer p = new RatePacer(1000, 0.5, 0);
        // 3 s at 1000/s owes 3000, but at most 0.5 s (500) is kept.
        assertThat(p.due(3000 * MS)).isEqualTo(500);
        assertThat(p.takeSkipped()).isEqualTo(2500);
        assertThat(p.takeSkipped()).isZero();
        p.issued(500);
        assertThat(p.due(3001 * MS)).isEqualTo(1);
    }

    @Test
    void fractionalRatesAccumulate() {
        RatePacer p = new RatePacer(0.5, 1.0, 0);
        assertThat(p.due(1000 * MS)).isZero();
        assertThat(p.due(2000 * MS)).isEqualTo(1);
        assertThatThrownBy(() -> new RatePacer(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
