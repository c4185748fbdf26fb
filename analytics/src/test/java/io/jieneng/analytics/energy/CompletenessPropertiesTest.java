package io.jieneng.analytics.energy;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CompletenessPropertiesTest {

    private static final long BASE = EnergyGen.BASE;
    private static final long DAY = 86_400_000L;

    record Meter(long[] readingTs, long activeFrom, long activeUntil, int intervalSeconds) {
    }

    @Test
    void completenessIsBetweenZeroAndOne() {
        Property.check(r -> betweenZeroAndOne(meters(r), Gen.oneOf(r, Interval.class),
                Gen.longIn(r, -2 * DAY, 3 * DAY), Gen.longIn(r, 1, 3 * DAY)));
    }

    /**
     * No meter; a meter without readings; readings all on one instant; a meter active forever, one whose end comes
     * before its start, one of 7-second interval that reports every 5 minutes; ranges of 1 ms and of 3 days.
     */
    @ParameterizedTest
    @MethodSource("edges")
    void completenessIsBetweenZeroAndOne_edges(List<Meter> meters, long fromOffset, long length) {
        for (Interval interval : Interval.values()) {
            betweenZeroAndOne(meters, interval, fromOffset, length);
        }
    }

    static Stream<Arguments> edges() {
        long[] everyFiveMinutes = new long[400];
        for (int i = 0; i < everyFiveMinutes.length; i++) {
            everyFiveMinutes[i] = BASE + i * 300_000L;
        }
        long[] oneInstant = new long[400];
        java.util.Arrays.fill(oneInstant, BASE);
        Meter forever = new Meter(everyFiveMinutes, Long.MIN_VALUE, Long.MAX_VALUE, 300);
        Meter backwards = new Meter(everyFiveMinutes, BASE + DAY, BASE, 60);
        Meter tiny = new Meter(everyFiveMinutes, BASE - 2 * DAY, BASE + 4 * DAY, 7);
        Meter silent = new Meter(new long[0], Long.MIN_VALUE, Long.MAX_VALUE, 900);
        Meter stuck = new Meter(oneInstant, BASE, Long.MAX_VALUE, 3600);
        return Stream.of(Arguments.of(List.of(), 0L, 1L), Arguments.of(List.of(silent), -2 * DAY, 3 * DAY),
                Arguments.of(List.of(forever), 0L, 1L), Arguments.of(List.of(forever, backwards, tiny, stuck), 0L, DAY),
                Arguments.of(List.of(forever, backwards, tiny, stuck), -2 * DAY, 3 * DAY),
                Arguments.of(List.of(stuck), 3 * DAY, 3 * DAY), Arguments.of(List.of(tiny), 1L, 3 * DAY - 1));
    }

    private static void betweenZeroAndOne(List<Meter> meters, Interval interval, long fromOffset, long length) {
        BucketGrid grid = BucketGrid.of(Instant.ofEpochMilli(BASE + fromOffset),
                Instant.ofEpochMilli(BASE + fromOffset + length), interval, ZoneId.of("Europe/Berlin"));
        double[] received = new double[grid.size()];
        double[] expected = new double[grid.size()];
        for (Meter m : meters) {
            Completeness.accumulate(m.readingTs(), grid, m.activeFrom(), m.activeUntil(), m.intervalSeconds(),
                    received, expected);
        }

        double receivedSum = 0.0;
        double expectedSum = 0.0;
        for (int i = 0; i < grid.size(); i++) {
            assertThat(received[i]).isBetween(0.0, expected[i]);
            Double ratio = Completeness.ratio(received[i], expected[i]);
            if (expected[i] == 0.0) {
                assertThat(ratio).isNull();
            } else {
                assertThat(ratio).isBetween(0.0, 1.0);
            }
            receivedSum += received[i];
            expectedSum += expected[i];
        }
        Double overall = Completeness.ratio(receivedSum, expectedSum);
        if (overall != null) {
            assertThat(overall).isBetween(0.0, 1.0);
        }
    }

    /**
     * Up to 4 meters of up to 400 readings (any millisecond, or on 5-minute marks so that they collide), active
     * forever or between two instants in either order, of 7 s to 1 h interval.
     */
    static List<Meter> meters(Random r) {
        return Gen.listOf(r, 0, 4, x -> new Meter(
                Gen.listOf(x, 0, 400, y -> BASE + (y.nextBoolean() ? Gen.longIn(y, -2 * DAY, 4 * DAY)
                        : Gen.intIn(y, -2 * 288, 4 * 288) * 300_000L)).stream().mapToLong(Long::longValue).toArray(),
                x.nextBoolean() ? Long.MIN_VALUE : BASE + Gen.longIn(x, -2 * DAY, 4 * DAY),
                x.nextBoolean() ? Long.MAX_VALUE : BASE + Gen.longIn(x, -2 * DAY, 4 * DAY),
                Gen.oneOf(x, 60, 300, 900, 3600, 7)));
    }
}
