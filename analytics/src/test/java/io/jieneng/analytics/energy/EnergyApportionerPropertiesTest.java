package io.jieneng.analytics.energy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties of {@link EnergyApportioner}. The reference used here is deliberately naive: a sorted map for
 * ordering and duplicates, and every pair checked against every bucket.
 */
class EnergyApportionerPropertiesTest {

    static final long BASE = Instant.parse("2026-03-28T16:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long GAP_THRESHOLD = 45 * 60_000L;

    record Reading(long tsMillis, double value) {
    }

    record Range(ZoneId zone, Interval interval, long fromMillis, long toMillis) {
        BucketGrid grid() {
            return BucketGrid.of(Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis), interval, zone);
        }
    }

    @Property(tries = 500)
    void eachBucketHoldsTheTimeShareOfEveryPairThatOverlapsIt(@ForAll("readings") List<Reading> readings,
            @ForAll("ranges") Range range) {
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

    @Property(tries = 500)
    void theSumOverBucketsIsTheEnergyOfTheReadingsInsideTheRange(@ForAll("readings") List<Reading> readings,
            @ForAll("ranges") Range range) {
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

    @Property(tries = 300)
    void aRangeCoveringAllReadingsHoldsEveryDelta(@ForAll("readings") List<Reading> readings,
            @ForAll("zones") ZoneId zone, @ForAll Interval interval) {
        BucketGrid grid = BucketGrid.of(Instant.ofEpochMilli(BASE - 3 * DAY), Instant.ofEpochMilli(BASE + 8 * DAY),
                interval, zone);

        List<Reading> series = reference(readings);
        double deltas = 0.0;
        for (int k = 1; k < series.size(); k++) {
            deltas += delta(series.get(k - 1), series.get(k));
        }
        assertThat(apportion(readings, grid).total()).isCloseTo(deltas, within(1e-9 * deltas + 1e-12));
    }

    @Property(tries = 500)
    void splittingARangeInTwoNeverChangesItsSum(@ForAll("readings") List<Reading> readings,
            @ForAll("ranges") Range range, @ForAll @IntRange(min = 1, max = 999) int splitPermille) {
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

    @Property(tries = 500)
    void reorderingTheInputNeverChangesTheOutput(@ForAll("readings") List<Reading> readings,
            @ForAll("ranges") Range range, @ForAll Random random) {
        List<Reading> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled, random);

        assertThat(apportion(shuffled, range.grid())).isEqualTo(apportion(readings, range.grid()));
    }

    @Property(tries = 500)
    void duplicatingAReadingNeverChangesTheOutput(@ForAll("readings") List<Reading> readings,
            @ForAll("ranges") Range range, @ForAll @IntRange(min = 0, max = 1000) int which,
            @ForAll @IntRange(min = 0, max = 1000) int where) {
        if (readings.isEmpty()) {
            return;
        }
        List<Reading> withDuplicate = new ArrayList<>(readings);
        withDuplicate.add(where % (readings.size() + 1), readings.get(which % readings.size()));

        assertThat(apportion(withDuplicate, range.grid())).isEqualTo(apportion(readings, range.grid()));
    }

    @Property(tries = 500)
    void resetsNeverYieldNegativeEnergyAndAreCounted(@ForAll("readings") List<Reading> readings,
            @ForAll("ranges") Range range) {
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

    @Provide
    Arbitrary<List<Reading>> readings() {
        Arbitrary<Long> anyMillis = Arbitraries.longs().between(-2 * DAY, 6 * DAY).map(o -> BASE + o);
        // Quarter-hour timestamps land on bucket edges and collide, which is where mistakes hide.
        Arbitrary<Long> quarterHours = Arbitraries.integers().between(-2 * 96, 6 * 96).map(q -> BASE + q * 900_000L);
        Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.doubles().between(0, 1e5).ofScale(3),
                Arbitraries.of(0.0, 5.0, 100.0));
        return Combinators.combine(Arbitraries.oneOf(anyMillis, quarterHours), values).as(Reading::new)
                .list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Range> ranges() {
        Arbitrary<Long> starts = Arbitraries.oneOf(
                Arbitraries.longs().between(-3 * DAY, 6 * DAY),
                Arbitraries.integers().between(-3 * 24, 6 * 24).map(h -> h * HOUR));
        Arbitrary<Long> lengths = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 4 * DAY),
                Arbitraries.integers().between(1, 4 * 24).map(h -> h * HOUR));
        return Combinators.combine(zones(), Arbitraries.of(Interval.class), starts, lengths)
                .as((zone, interval, start, length) -> new Range(zone, interval, BASE + start, BASE + start + length));
    }

    /** Shanghai, plus Berlin whose spring-forward night (2026-03-29) lies inside the generated times. */
    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("Asia/Shanghai", "Europe/Berlin", "Asia/Kathmandu").map(ZoneId::of);
    }
}
