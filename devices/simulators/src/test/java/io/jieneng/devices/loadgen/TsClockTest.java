package io.jieneng.devices.loadgen;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TsClockTest {

    private static final long NOW = 1_767_225_600_000L;

    /** 200 tries: each hands out up to 150,000 timestamps and remembers them all. */
    @Test
    void timestampsAreDistinctAndNeverAfterTheWallClock() {
        Property.check(200, r -> distinctAndNeverAfterTheWallClock(Gen.listOf(r, 1, 300, x -> Gen.intIn(x, 1, 500)),
                Gen.intIn(r, 1, 1000), Gen.intIn(r, 0, 600), Gen.intIn(r, 0, 50)));
    }

    /** One message and the most, the smallest and largest step, no backlog, a wall clock that stands still. */
    @ParameterizedTest
    @CsvSource({"1, 1, 1, 0, 0", "300, 500, 1000, 600, 50", "300, 1, 1, 0, 0", "1, 500, 1000, 0, 50",
            "300, 500, 1, 600, 0", "50, 7, 1000, 1, 1"})
    void timestampsAreDistinctAndNeverAfterTheWallClock_edges(int messages, int readings, int step,
                                                               int backlogSeconds, int wallMillisPerMessage) {
        distinctAndNeverAfterTheWallClock(java.util.Collections.nCopies(messages, readings), step, backlogSeconds,
                wallMillisPerMessage);
    }

    private static void distinctAndNeverAfterTheWallClock(List<Integer> messages, int step, int backlogSeconds,
                                                          int wallMillisPerMessage) {
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
