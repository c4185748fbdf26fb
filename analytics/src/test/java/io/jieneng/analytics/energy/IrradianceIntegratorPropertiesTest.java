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
 * Properties of {@link IrradianceIntegrator}, against a reference that integrates each pair's line with its
 * antiderivative instead of interpolating at the bucket edges.
 */
class IrradianceIntegratorPropertiesTest {

    private static final long BASE = Instant.parse("2026-03-28T16:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long GAP = 45 * 60_000L;

    record Sample(long tsMillis, double wm2) {
    }

    record Range(ZoneId zone, Interval interval, long fromMillis, long toMillis) {
        BucketGrid grid() {
            return BucketGrid.of(Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis), interval, zone);
        }
    }

    @Property(tries = 500)
    void eachBucketHoldsTheIntegralOfTheInterpolatedIrradianceOverIt(@ForAll("samples") List<Sample> samples,
            @ForAll("ranges") Range range) {
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

    @Property(tries = 500)
    void splittingARangeNeverChangesItsSum(@ForAll("samples") List<Sample> samples, @ForAll("ranges") Range range,
            @ForAll @IntRange(min = 1, max = 999) int splitPermille, @ForAll Interval other) {
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

    @Property(tries = 300)
    void aConstantIrradianceGivesItTimesTheCoveredTime(@ForAll("ranges") Range range,
            @ForAll @IntRange(min = 0, max = 1400) int wm2, @ForAll @IntRange(min = 2, max = 40) int readings) {
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

    @Property(tries = 500)
    void reorderingTheInputNeverChangesTheOutput(@ForAll("samples") List<Sample> samples,
            @ForAll("ranges") Range range, @ForAll Random random) {
        List<Sample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, random);

        assertThat(integrate(shuffled, range.grid())).isEqualTo(integrate(samples, range.grid()));
    }

    @Property(tries = 500)
    void duplicatingAReadingNeverChangesTheOutput(@ForAll("samples") List<Sample> samples,
            @ForAll("ranges") Range range, @ForAll @IntRange(min = 0, max = 1000) int which,
            @ForAll @IntRange(min = 0, max = 1000) int where) {
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

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<Long> anyMillis = Arbitraries.longs().between(-2 * DAY, 6 * DAY).map(o -> BASE + o);
        Arbitrary<Long> quarterHours = Arbitraries.integers().between(-2 * 96, 6 * 96).map(q -> BASE + q * 900_000L);
        Arbitrary<Double> values = Arbitraries.oneOf(Arbitraries.doubles().between(-5, 1400).ofScale(2),
                Arbitraries.of(0.0, 1000.0));
        return Combinators.combine(Arbitraries.oneOf(anyMillis, quarterHours), values).as(Sample::new)
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
        Arbitrary<ZoneId> zones = Arbitraries.of("Asia/Shanghai", "Europe/Berlin", "Asia/Kathmandu")
                .map(ZoneId::of);
        return Combinators.combine(zones, Arbitraries.of(Interval.class), starts, lengths)
                .as((zone, interval, start, length) -> new Range(zone, interval, BASE + start, BASE + start + length));
    }
}
