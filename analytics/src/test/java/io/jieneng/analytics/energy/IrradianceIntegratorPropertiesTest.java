package io.jieneng.analytics.energy;

import io.jieneng.analytics.energy.EnergyGen.Range;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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
 * Properties of {@link IrradianceIntegrator}, against a reference that integrates each pair's line with its
 * antiderivative instead of interpolating at the bucket edges. Each property runs over random samples and ranges,
 * and over the hand-made {@link #edges()}.
 */
class IrradianceIntegratorPropertiesTest {

    private static final long GAP = 45 * 60_000L;

    record Sample(long tsMillis, double wm2) {
    }

    /** Random samples and a random range, the input of most properties here. */
    record Case(List<Sample> samples, Range range) {
    }

    static Case anyCase(Random r) {
        return new Case(samples(r), EnergyGen.range(r));
    }

    /** Up to 60 samples of -5 to 1,400 W/m² with two decimals (a pyranometer's offset reads below zero). */
    static List<Sample> samples(Random r) {
        return Gen.listOf(r, 0, 60, x -> new Sample(EnergyGen.timestamp(x),
                x.nextBoolean() ? Gen.doubleIn(x, -5, 1400, 2) : Gen.oneOf(x, 0.0, 1000.0)));
    }

    /**
     * No sample; one; two at the same instant; a night at zero then a morning; a gap that makes an estimate; a
     * range of one millisecond; Berlin's spring-forward night in hours, and in months.
     */
    static Stream<Arguments> edges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        long q = EnergyGen.QUARTER_HOUR;
        List<Sample> morning = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            morning.add(new Sample(BASE + 6 * HOUR + i * q, i < 20 ? 0 : i == 20 ? -5 : 1400));
        }
        return Stream.of(
                Arguments.of(List.of(), new Range(berlin, Interval.HOUR, BASE, BASE + HOUR)),
                Arguments.of(List.of(new Sample(BASE, 800)), new Range(shanghai, Interval.DAY, BASE - DAY, BASE + DAY)),
                Arguments.of(List.of(new Sample(BASE, 0), new Sample(BASE, 1000), new Sample(BASE + q, 10)),
                        new Range(shanghai, Interval.HOUR, BASE - HOUR, BASE + HOUR)),
                Arguments.of(List.of(new Sample(BASE, 0), new Sample(BASE + 3 * HOUR, 1400)),
                        new Range(shanghai, Interval.HOUR, BASE + HOUR / 2, BASE + 5 * HOUR)),
                Arguments.of(morning, new Range(berlin, Interval.MONTH, BASE + 7 * HOUR, BASE + 7 * HOUR + 1)),
                Arguments.of(morning, new Range(berlin, Interval.HOUR, BASE + 6 * HOUR, BASE + 16 * HOUR)),
                Arguments.of(morning, new Range(berlin, Interval.MONTH, BASE - 3 * DAY, BASE + 6 * DAY)));
    }

    @Test
    void eachBucketHoldsTheIntegralOfTheInterpolatedIrradianceOverIt() {
        Property.forAll(Property.DEFAULT_TRIES, IrradianceIntegratorPropertiesTest::anyCase,
                c -> eachBucketHoldsTheIntegral(c.samples(), c.range()));
    }

    @ParameterizedTest
    @MethodSource("edges")
    void eachBucketHoldsTheIntegralOfTheInterpolatedIrradianceOverIt_edges(List<Sample> samples, Range range) {
        eachBucketHoldsTheIntegral(samples, range);
    }

    private static void eachBucketHoldsTheIntegral(List<Sample> samples, Range range) {
        BucketGrid grid = range.grid();
        IrradianceIntegral h = integrate(samples, grid);

        List<Sample> series = reference(samples);
        int pairs = 0;
        for (int k = 1; k < series.size(); k++) {
            if (Math.min(series.get(k).tsMillis(), range.toMillis())
                    > Math.max(series.get(k - 1).tsMillis(), range.fromMillis())) {
                pairs++;
            }
        }
        assertThat(h.pairs()).isEqualTo(pairs);
        for (int i = 0; i < grid.size(); i++) {
            double expected = 0;
            boolean estimated = false;
            for (int k = 1; k < series.size(); k++) {
                Sample p = series.get(k - 1);
                Sample q = series.get(k);
                long s = Math.max(p.tsMillis(), grid.startMillis(i));
                long e = Math.min(q.tsMillis(), grid.endMillis(i));
                if (e > s) {
                    expected += (antiderivative(p, q, e) - antiderivative(p, q, s)) / 3.6e9;
                    estimated |= q.tsMillis() - p.tsMillis() > GAP;
                }
            }
            assertThat(h.perBucketKwhPerM2()[i]).isCloseTo(expected, within(1e-9 * Math.abs(expected) + 1e-9));
            assertThat(h.estimated()[i]).isEqualTo(estimated);
        }
    }

    @Test
    void splittingARangeNeverChangesItsSum() {
        Property.check(r -> splittingKeepsTheSum(samples(r), EnergyGen.range(r), Gen.intIn(r, 1, 999),
                Gen.oneOf(r, Interval.class)));
    }

    /** Split after the first and before the last thousandth and in the middle, regridded in every interval. */
    @ParameterizedTest
    @MethodSource("edges")
    void splittingARangeNeverChangesItsSum_edges(List<Sample> samples, Range range) {
        for (int permille : new int[]{1, 500, 999}) {
            for (Interval other : Interval.values()) {
                splittingKeepsTheSum(samples, range, permille, other);
            }
        }
    }

    private static void splittingKeepsTheSum(List<Sample> samples, Range range, int splitPermille, Interval other) {
        long mid = range.fromMillis() + (range.toMillis() - range.fromMillis()) * splitPermille / 1000;
        if (mid == range.fromMillis()) {
            return;
        }
        double whole = integrate(samples, range.grid()).totalKwhPerM2();
        double left = integrate(samples, new Range(range.zone(), range.interval(), range.fromMillis(), mid).grid())
                .totalKwhPerM2();
        double right = integrate(samples, new Range(range.zone(), range.interval(), mid, range.toMillis()).grid())
                .totalKwhPerM2();
        double regridded = integrate(samples,
                new Range(range.zone(), other, range.fromMillis(), range.toMillis()).grid()).totalKwhPerM2();

        assertThat(left + right).isCloseTo(whole, within(1e-9 * Math.abs(whole) + 1e-9));
        assertThat(regridded).isCloseTo(whole, within(1e-9 * Math.abs(whole) + 1e-9));
    }

    @Test
    void aConstantIrradianceGivesItTimesTheCoveredTime() {
        Property.check(r -> constantGivesItTimesTheCoveredTime(EnergyGen.range(r), Gen.intIn(r, 0, 1400),
                Gen.intIn(r, 2, 40)));
    }

    /** Darkness and the brightest sun, over two samples and over forty, on ranges from a millisecond to days. */
    @ParameterizedTest
    @CsvSource({"0, 2, 0, 1", "1400, 2, 0, 1", "0, 40, 7, 345600000", "1400, 40, -259200000, 345600000",
            "1000, 2, 3600000, 3600000", "1, 40, 518400000, 1"})
    void aConstantIrradianceGivesItTimesTheCoveredTime_edges(int wm2, int readings, long start, long length) {
        for (Interval interval : Interval.values()) {
            constantGivesItTimesTheCoveredTime(new Range(ZoneId.of("Europe/Berlin"), interval, BASE + start,
                    BASE + start + length), wm2, readings);
        }
    }

    private static void constantGivesItTimesTheCoveredTime(Range range, int wm2, int readings) {
        List<Sample> samples = new ArrayList<>();
        long first = range.fromMillis() - 7 * 60_000L;
        for (int i = 0; i < readings; i++) {
            samples.add(new Sample(first + i * 15 * 60_000L, wm2));
        }
        long last = samples.get(samples.size() - 1).tsMillis();
        long covered = Math.max(0, Math.min(last, range.toMillis()) - Math.max(first, range.fromMillis()));

        double h = integrate(samples, range.grid()).totalKwhPerM2();

        assertThat(h).isCloseTo(wm2 * (covered / 3.6e9), within(1e-9 * wm2 + 1e-12));
    }

    @Test
    void reorderingTheInputNeverChangesTheOutput() {
        Property.check(r -> reorderingChangesNothing(samples(r), EnergyGen.range(r), new Random(r.nextLong())));
    }

    /** Reversed, besides shuffled. */
    @ParameterizedTest
    @MethodSource("edges")
    void reorderingTheInputNeverChangesTheOutput_edges(List<Sample> samples, Range range) {
        reorderingChangesNothing(samples, range, new Random(0));
        List<Sample> reversed = new ArrayList<>(samples);
        Collections.reverse(reversed);
        assertThat(integrate(reversed, range.grid())).isEqualTo(integrate(samples, range.grid()));
    }

    private static void reorderingChangesNothing(List<Sample> samples, Range range, Random random) {
        List<Sample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, random);

        assertThat(integrate(shuffled, range.grid())).isEqualTo(integrate(samples, range.grid()));
    }

    @Test
    void duplicatingAReadingNeverChangesTheOutput() {
        Property.check(r -> duplicatingChangesNothing(samples(r), EnergyGen.range(r), Gen.intIn(r, 0, 1000),
                Gen.intIn(r, 0, 1000)));
    }

    /** The first and the last sample, duplicated at the front and at the end. */
    @ParameterizedTest
    @MethodSource("edges")
    void duplicatingAReadingNeverChangesTheOutput_edges(List<Sample> samples, Range range) {
        for (int which : new int[]{0, 1000}) {
            for (int where : new int[]{0, 1000}) {
                duplicatingChangesNothing(samples, range, which, where);
            }
        }
    }

    private static void duplicatingChangesNothing(List<Sample> samples, Range range, int which, int where) {
        if (samples.isEmpty()) {
            return;
        }
        List<Sample> withDuplicate = new ArrayList<>(samples);
        withDuplicate.add(where % (samples.size() + 1), samples.get(which % samples.size()));

        assertThat(integrate(withDuplicate, range.grid())).isEqualTo(integrate(samples, range.grid()));
    }

    /** ∫ from p.ts to t of the line through p and q, in W·ms/m². */
    private static double antiderivative(Sample p, Sample q, long t) {
        double x = t - p.tsMillis();
        double slope = (q.wm2() - p.wm2()) / (q.tsMillis() - p.tsMillis());
        return p.wm2() * x + slope * x * x / 2;
    }

    private static IrradianceIntegral integrate(List<Sample> samples, BucketGrid grid) {
        long[] ts = new long[samples.size()];
        double[] g = new double[samples.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = samples.get(i).tsMillis();
            g[i] = samples.get(i).wm2();
        }
        return IrradianceIntegrator.integrate(ts, g, grid, GAP);
    }

    private static List<Sample> reference(List<Sample> samples) {
        Map<Long, Double> byTs = new TreeMap<>();
        for (Sample s : samples) {
            byTs.merge(s.tsMillis(), s.wm2(), Math::max);
        }
        List<Sample> series = new ArrayList<>();
        byTs.forEach((ts, g) -> series.add(new Sample(ts, g)));
        return series;
    }
}
