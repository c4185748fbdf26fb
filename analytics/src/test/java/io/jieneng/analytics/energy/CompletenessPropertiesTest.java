package io.jieneng.analytics.energy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompletenessPropertiesTest {

    private static final long BASE = EnergyApportionerPropertiesTest.BASE;
    private static final long DAY = 86_400_000L;

    record Meter(long[] readingTs, long activeFrom, long activeUntil, int intervalSeconds) {
    }

    @Property(tries = 500)
    void completenessIsBetweenZeroAndOne(@ForAll("meters") List<Meter> meters, @ForAll Interval interval,
            @ForAll("offsets") long fromOffset, @ForAll("lengths") long length) {
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

    @Provide
    Arbitrary<List<Meter>> meters() {
        Arbitrary<long[]> readings = Arbitraries.oneOf(
                        Arbitraries.longs().between(-2 * DAY, 4 * DAY),
                        Arbitraries.integers().between(-2 * 288, 4 * 288).map(k -> k * 300_000L))
                .map(o -> BASE + o).list().ofMaxSize(400)
                .map(list -> list.stream().mapToLong(Long::longValue).toArray());
        Arbitrary<Long> activeFrom = Arbitraries.oneOf(Arbitraries.just(Long.MIN_VALUE),
                Arbitraries.longs().between(-2 * DAY, 4 * DAY).map(o -> BASE + o));
        Arbitrary<Long> activeUntil = Arbitraries.oneOf(Arbitraries.just(Long.MAX_VALUE),
                Arbitraries.longs().between(-2 * DAY, 4 * DAY).map(o -> BASE + o));
        Arbitrary<Integer> intervals = Arbitraries.of(60, 300, 900, 3600, 7);
        return Combinators.combine(readings, activeFrom, activeUntil, intervals).as(Meter::new).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs().between(-2 * DAY, 3 * DAY);
    }

    @Provide
    Arbitrary<Long> lengths() {
        return Arbitraries.longs().between(1, 3 * DAY);
    }
}
