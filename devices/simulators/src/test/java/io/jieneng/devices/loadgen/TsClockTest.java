package io.jieneng.devices.loadgen;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TsClockTest {

    private static final long NOW = 1_767_225_600_000L;

    @Property(tries = 200)
    void timestampsAreDistinctAndNeverAfterTheWallClock(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 1, max = 500) Integer> messages,
            @ForAll @IntRange(min = 1, max = 1000) int step,
            @ForAll @IntRange(min = 0, max = 600) int backlogSeconds,
            @ForAll @IntRange(min = 0, max = 50) int wallMillisPerMessage) {
        TsClock clock = new TsClock(NOW - backlogSeconds * 1000L, step);
        Set<Long> seen = new HashSet<>();
        long now = NOW;
        for (int readings : messages) {
            now += wallMillisPerMessage;
            long first = clock.reserve(readings, now);
            if (first < 0) {
                // Caught up: the meter waits, and nothing was handed out.
                assertThat(clock.peek() + (readings - 1L) * step).isGreaterThan(now);
                continue;
            }
            for (int i = 0; i < readings; i++) {
                long ts = first + (long) i * step;
                assertThat(ts).isLessThanOrEqualTo(now);
                assertThat(seen.add(ts)).as("ts %d handed out twice", ts).isTrue();
            }
        }
    }

    @Test
    void aClockThatCaughtUpWaitsForTheWallClockInsteadOfRepeatingOrRunningAhead() {
        TsClock clock = new TsClock(NOW - 10, 5);
        assertThat(clock.reserve(2, NOW)).isEqualTo(NOW - 10);
        assertThat(clock.reserve(1, NOW)).isEqualTo(NOW);
        assertThat(clock.reserve(1, NOW)).isEqualTo(-1);
        assertThat(clock.reserve(1, NOW + 4)).isEqualTo(-1);
        assertThat(clock.reserve(1, NOW + 5)).isEqualTo(NOW + 5);
    }

    @Test
    void aStepOfZeroRepeatsTheTimestampOnPurpose() {
        TsClock clock = new TsClock(NOW - 1000, 0);
        assertThat(clock.reserve(3, NOW)).isEqualTo(NOW - 1000);
        assertThat(clock.reserve(3, NOW)).isEqualTo(NOW - 1000);
        assertThatThrownBy(() -> new TsClock(NOW, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
