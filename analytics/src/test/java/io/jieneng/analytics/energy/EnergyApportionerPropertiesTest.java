package io.jieneng.analytics.energy;

import io.jieneng.analytics.energy.EnergyGen.Range;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.jieneng.analytics.energy.EnergyGen.BASE;
import static io.jieneng.analytics.energy.EnergyGen.DAY;
import static io.jieneng.analytics.energy.EnergyGen.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of {@link EnergyApportioner}. The reference used here is deliberately naive: a sorted map for
 * ordering and duplicates, and every pair checked against every bucket. Each property runs over random readings
 * and ranges, and over the hand-made {@link #edges()}.
 */
class EnergyApportionerPropertiesTest {

    private static final long GAP_THRESHOLD = 45 * 60_000L;

    record Reading(long tsMillis, double value) {
    }

    /** Random readings and a random range, the input of most properties here. */
    record Case(List<Reading> readings, Range range) {
    }

    static Case anyCase(Random r) {
        return new Case(readings(r), EnergyGen.range(r));
    }

    /**
     * No reading; one; two at the same instant with different values; a reset to zero; a gap that makes an
     * estimate; readings only outside the range; a range of one millisecond; Berlin's spring-forward night in
     * hours and a range across it in months.
     */
    static Stream<Arguments> edges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        long q = EnergyGen.QUARTER_HOUR;
        List<Reading> reset = List.of(new Reading(BASE, 100), new Reading(BASE + q, 105), new Reading(BASE + 2 * q, 0),
                new Reading(BASE + 3 * q, 0), new Reading(BASE + 4 * q, 5));
        List<Reading> dstNight = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            dstNight.add(new Reading(BASE + 6 * HOUR + i * q, i * 2.5));
        }
        return Stream.of(
                Arguments.of(List.of(), new Range(berlin, Interval.HOUR, BASE, BASE + HOUR)),
                Arguments.of(List.of(new Reading(BASE, 7)), new Range(shanghai, Interval.DAY, BASE - DAY, BASE + DAY)),
                Arguments.of(List.of(new Reading(BASE, 7), new Reading(BASE, 9), new Reading(BASE + q, 10)),
                        new Range(shanghai, Interval.HOUR, BASE - HOUR, BASE + HOUR)),
                Arguments.of(reset, new Range(berlin, Interval.HOUR, BASE, BASE + HOUR + 1)),
                Arguments.of(List.of(new Reading(BASE, 0), new Reading(BASE + 3 * HOUR, 100_000)),
                        new Range(shanghai, Interval.HOUR, BASE + HOUR / 2, BASE + 5 * HOUR)),
                Arguments.of(reset, new Range(shanghai, Interval.DAY, BASE + 2 * DAY, BASE + 3 * DAY)),
                Arguments.of(reset, new Range(berlin, Interval.MONTH, BASE + q / 2, BASE + q / 2 + 1)),
                Arguments.of(dstNight, new Range(berlin, Interval.HOUR, BASE + 6 * HOUR, BASE + 16 * HOUR)),
                Arguments.of(dstNight, new Range(berlin, Interval.MONTH, BASE - 3 * DAY, BASE + 6 * DAY)));
    }

    @Test
    void eachBucketHoldsTheTimeShareOfEveryPairThatOverlapsIt() {
        Property.forAll(Property.DEFAULT_TRIES, EnergyApportionerPropertiesTest::anyCase,
                c -> eachBucketHoldsItsTimeShare(c.readings(), c.range()));
    }

    @ParameterizedTest
    @MethodSource("edges")
    void eachBucketHoldsTheTimeShareOfEveryPairThatOverlapsIt_edges(List<Reading> readings, Range range) {
        eachBucketHoldsItsTimeShare(readings, range);
    }

    private static void eachBucketHoldsItsTimeShare(List<Reading> readings, Range range) {
        BucketGrid grid = range.grid();
        RegisterEnergy e = apportion(readings, grid);

        List<Reading> series = reference(readings);
        for (int i = 0; i < grid.size(); i++) {
            double expected = 0.0;
            boolean estimated = false;
            for (int k = 1; k < series.size(); k++) {
                long overlap = overlap(series.get(k - 1).tsMillis(), series.get(k).tsMillis(), grid.startMillis(i),
                        grid.endMillis(i));
                if (overlap > 0) {
                    long span = series.get(k).tsMillis() - series.get(k - 1).tsMillis();
                    expected += delta(series.get(k - 1), series.get(k)) * overlap / span;
                    estimated |= span > GAP_THRESHOLD;
                }
            }
            assertThat(e.perBucket(i)).isCloseTo(expected, within(1e-9 * expected + 1e-12));
            assertThat(e.estimated(i)).isEqualTo(estimated);
        }
    }

    @Test
    void theSumOverBucketsIsTheEnergyOfTheReadingsInsideTheRange() {
        Property.forAll(Property.DEFAULT_TRIES, EnergyApportionerPropertiesTest::anyCase,
                c -> sumIsTheEnergyInsideTheRange(c.readings(), c.range()));
    }

    @ParameterizedTest
    @MethodSource("edges")
    void theSumOverBucketsIsTheEnergyOfTheReadingsInsideTheRange_edges(List<Reading> readings, Range range) {
        sumIsTheEnergyInsideTheRange(readings, range);
    }

    private static void sumIsTheEnergyInsideTheRange(List<Reading> readings, Range range) {
        RegisterEnergy e = apportion(readings, range.grid());

        List<Reading> series = reference(readings);
        double expected = 0.0;
        for (int k = 1; k < series.size(); k++) {
            long t0 = series.get(k - 1).tsMillis();
            long t1 = series.get(k).tsMillis();
            expected += delta(series.get(k - 1), series.get(k)) * overlap(t0, t1, range.fromMillis(), range.toMillis())
                    / (t1 - t0);
        }
        assertThat(e.total()).isCloseTo(expected, within(1e-9 * expected + 1e-12));
        double sum = 0.0;
        for (double v : e.perBucket()) {
            sum += v;
        }
        assertThat(e.total()).isEqualTo(sum);
    }

    @Test
    void aRangeCoveringAllReadingsHoldsEveryDelta() {
        Property.check(r -> coveringRangeHoldsEveryDelta(readings(r), EnergyGen.zone(r), Gen.oneOf(r, Interval.class)));
    }

    @ParameterizedTest
    @MethodSource("edges")
    void aRangeCoveringAllReadingsHoldsEveryDelta_edges(List<Reading> readings, Range range) {
        for (Interval interval : Interval.values()) {
            coveringRangeHoldsEveryDelta(readings, range.zone(), interval);
        }
    }

    private static void coveringRangeHoldsEveryDelta(List<Reading> readings, ZoneId zone, Interval interval) {
        BucketGrid grid = BucketGrid.of(Instant.ofEpochMilli(BASE - 3 * DAY), Instant.ofEpochMilli(BASE + 8 * DAY),
                interval, zone);

        List<Reading> series = reference(readings);
        double deltas = 0.0;
        for (int k = 1; k < series.size(); k++) {
            deltas += delta(series.get(k - 1), series.get(k));
        }
        assertThat(apportion(readings, grid).total()).isCloseTo(deltas, within(1e-9 * deltas + 1e-12));
    }

    @Test
    void splittingARangeInTwoNeverChangesItsSum() {
        Property.check(r -> splittingKeepsTheSum(readings(r), EnergyGen.range(r), Gen.intIn(r, 1, 999)));
    }

    /** Split after the first and before the last thousandth, and in the middle. */
    @ParameterizedTest
    @MethodSource("edges")
    void splittingARangeInTwoNeverChangesItsSum_edges(List<Reading> readings, Range range) {
        for (int permille : new int[]{1, 500, 999}) {
            splittingKeepsTheSum(readings, range, permille);
        }
    }

    private static void splittingKeepsTheSum(List<Reading> readings, Range range, int splitPermille) {
        long mid = range.fromMillis() + (range.toMillis() - range.fromMillis()) * splitPermille / 1000;
        if (mid == range.fromMillis()) {
            return;
        }
        RegisterEnergy whole = apportion(readings, range.grid());
        RegisterEnergy left = apportion(readings,
                new Range(range.zone(), range.interval(), range.fromMillis(), mid).grid());
        RegisterEnergy right = apportion(readings,
                new Range(range.zone(), range.interval(), mid, range.toMillis()).grid());

        double parts = left.total() + right.total();
        assertThat(parts).isCloseTo(whole.total(), within(1e-9 * whole.total() + 1e-12));
        assertThat(left.resets() + right.resets()).isGreaterThanOrEqualTo(whole.resets());
    }

    @Test
    void reorderingTheInputNeverChangesTheOutput() {
        Property.check(r -> reorderingChangesNothing(readings(r), EnergyGen.range(r), new Random(r.nextLong())));
    }

    /** Reversed, besides shuffled. */
    @ParameterizedTest
    @MethodSource("edges")
    void reorderingTheInputNeverChangesTheOutput_edges(List<Reading> readings, Range range) {
        reorderingChangesNothing(readings, range, new Random(0));
        List<Reading> reversed = new ArrayList<>(readings);
        Collections.reverse(reversed);
        assertThat(apportion(reversed, range.grid())).isEqualTo(apportion(readings, range.grid()));
    }

    private static void reorderingChangesNothing(List<Reading> readings, Range range, Random random) {
        List<Reading> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled, random);

        assertThat(apportion(shuffled, range.grid())).isEqualTo(apportion(readings, range.grid()));
    }

    @Test
    void duplicatingAReadingNeverChangesTheOutput() {
        Property.check(r -> duplicatingChangesNothing(readings(r), EnergyGen.range(r), Gen.intIn(r, 0, 1000),
                Gen.intIn(r, 0, 1000)));
    }

    /** The first and the last reading, duplicated at the front and at the end. */
    @ParameterizedTest
    @MethodSource("edges")
    void duplicatingAReadingNeverChangesTheOutput_edges(List<Reading> readings, Range range) {
        for (int which : new int[]{0, 1000}) {
            for (int where : new int[]{0, 1000}) {
                duplicatingChangesNothing(readings, range, which, where);
            }
        }
    }

    private static void duplicatingChangesNothing(List<Reading> readings, Range range, int which, int where) {
        if (readings.isEmpty()) {
            return;
        }
        List<Reading> withDuplicate = new ArrayList<>(readings);
        withDuplicate.add(where % (readings.size() + 1), readings.get(which % readings.size()));

        assertThat(apportion(withDuplicate, range.grid())).isEqualTo(apportion(readings, range.grid()));
    }

    @Test
    void resetsNeverYieldNegativeEnergyAndAreCounted() {
        Property.forAll(Property.DEFAULT_TRIES, EnergyApportionerPropertiesTest::anyCase,
                c -> resetsAreCountedAndNeverNegative(c.readings(), c.range()));
    }

    @ParameterizedTest
    @MethodSource("edges")
    void resetsNeverYieldNegativeEnergyAndAreCounted_edges(List<Reading> readings, Range range) {
        resetsAreCountedAndNeverNegative(readings, range);
    }

    private static void resetsAreCountedAndNeverNegative(List<Reading> readings, Range range) {
        RegisterEnergy e = apportion(readings, range.grid());

        for (double v : e.perBucket()) {
            assertThat(v).isGreaterThanOrEqualTo(0.0);
        }
        List<Reading> series = reference(readings);
        int resets = 0;
        for (int k = 1; k < series.size(); k++) {
            boolean inRange = overlap(series.get(k - 1).tsMillis(), series.get(k).tsMillis(), range.fromMillis(),
                    range.toMillis()) > 0;
            if (inRange && series.get(k).value() < series.get(k - 1).value()) {
                resets++;
            }
        }
        assertThat(e.resets()).isEqualTo(resets);
    }

    static RegisterEnergy apportion(List<Reading> readings, BucketGrid grid) {
        long[] ts = new long[readings.size()];
        double[] values = new double[readings.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = readings.get(i).tsMillis();
            values[i] = readings.get(i).value();
        }
        return EnergyApportioner.apportion(ts, values, grid, GAP_THRESHOLD);
    }

    /** One reading per timestamp, the largest value, in time order. */
    private static List<Reading> reference(List<Reading> readings) {
        Map<Long, Double> byTs = new TreeMap<>();
        for (Reading r : readings) {
            byTs.merge(r.tsMillis(), r.value(), Math::max);
        }
        List<Reading> series = new ArrayList<>();
        byTs.forEach((ts, v) -> series.add(new Reading(ts, v)));
        return series;
    }

    private static double delta(Reading before, Reading after) {
        return after.value() >= before.value() ? after.value() - before.value() : after.value();
    }

    private static long overlap(long t0, long t1, long start, long end) {
        return Math.max(0, Math.min(t1, end) - Math.max(t0, start));
    }

    /** Up to 60 readings with values of three decimals up to 100,000, or round values that collide. */
    static List<Reading> readings(Random r) {
        return Gen.listOf(r, 0, 60, x -> new Reading(EnergyGen.timestamp(x),
                x.nextBoolean() ? Gen.doubleIn(x, 0, 1e5, 3) : Gen.oneOf(x, 0.0, 5.0, 100.0)));
    }
}
