package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.Reading;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PvProfileTest {

    private static final LocalDate SOLSTICE = LocalDate.of(2026, 6, 21);

    /** 200 tries: each builds an office's fleet of simulated meters for one reading. */
    @Test
    void pvGeneratesNothingAtNight() {
        Property.check(200, r -> nothingAtNight(Gen.anyLong(r), Gen.intIn(r, 0, 729), Gen.doubleIn(r, 0, 10)));
    }

    /** Nightfall and dawn (20:00 and 04:30) around both solstices and on the first and last day. */
    @ParameterizedTest
    @CsvSource({"0, 0, 0", "0, 0, 10", "-9223372036854775808, 729, 0", "9223372036854775807, 729, 10",
            "1, 171, 0", "1, 171, 10", "-1, 536, 10", "7, 354, 0"})
    void pvGeneratesNothingAtNight_edges(long seed, int day, double hoursAfterNightfall) {
        nothingAtNight(seed, day, hoursAfterNightfall);
    }

    private static void nothingAtNight(long seed, int day, double hoursAfterNightfall) {
        SimulatedMeter pv = TestRegistry.fleet(TestRegistry.fullOffice(10_000, 300), seed).meter("pv").get();
        // 20:00 to 04:30 is dark all year at 32°N, and so are the 15-minute grid points either side that the
        // energy register interpolates between (the earliest sunrise is about 04:58, the latest sunset 19:20).
        long t = TestRegistry.midnight(LocalDate.of(2025, 1, 1).plusDays(day))
                + (long) ((20.0 + hoursAfterNightfall * 0.85) * 3_600_000L);
        Reading r = pv.readingAt(t);
        assertThat(r.powerKw()).isZero();
        assertThat(r.irradianceWm2()).isZero();
        assertThat(pv.readingAt(t + 60_000L).energyKwh()).isEqualTo(r.energyKwh());
    }

    @Test
    void clearSkyIrradiancePeaksAtSolarNoonAndMatchesThe32DegreeClimatology() {
        SolarGeometry geo = SolarGeometry.JIANGSU;
        long midnight = TestRegistry.midnight(SOLSTICE);
        double best = -1;
        double bestHour = -1;
        for (int minute = 0; minute < 24 * 60; minute++) {
            double ghi = geo.clearSkyGhiWm2(SiteTime.of(midnight + minute * 60_000L));
            if (ghi > best) {
                best = ghi;
                bestHour = minute / 60.0;
            }
        }
        // Nanjing is 1.2° west of the UTC+8 meridian, so its solar noon falls a few minutes after 12:00.
        assertThat(geo.solarNoonClockHour(SOLSTICE.getDayOfYear())).isBetween(12.0, 12.25);
        assertThat(bestHour).isCloseTo(geo.solarNoonClockHour(SOLSTICE.getDayOfYear()), within(2 / 60.0));
        assertThat(best).isBetween(950.0, 1060.0);
        double decemberNoon = geo.clearSkyGhiWm2(SiteTime.of(TestRegistry.midnight(LocalDate.of(2026, 12, 21))
                + 12 * 3_600_000L + 5 * 60_000L));
        assertThat(decemberNoon).isBetween(500.0, 620.0);
    }

    /** 10 tries: each simulates the array through a whole June, 2,880 readings. */
    @Test
    void pvOutputAveragedOverJunePeaksNearSolarNoon() {
        Property.check(10, r -> juneAveragePeaksNearNoon(Gen.anyLong(r)));
    }

    @ParameterizedTest
    @CsvSource({"0", "-9223372036854775808", "9223372036854775807"})
    void pvOutputAveragedOverJunePeaksNearSolarNoon_edges(long seed) {
        juneAveragePeaksNearNoon(seed);
    }

    private static void juneAveragePeaksNearNoon(long seed) {
        SimulatedMeter pv = TestRegistry.fleet(TestRegistry.fullOffice(10_000, 300), seed).meter("pv").get();
        double[] byQuarterHour = new double[96];
        for (int d = 1; d <= 30; d++) {
            long midnight = TestRegistry.midnight(LocalDate.of(2026, 6, d));
            for (int q = 0; q < 96; q++) {
                byQuarterHour[q] += pv.readingAt(midnight + q * 900_000L).powerKw();
            }
        }
        int peak = 0;
        for (int q = 1; q < 96; q++) {
            if (byQuarterHour[q] > byQuarterHour[peak]) {
                peak = q;
            }
        }
        assertThat(peak / 4.0).isBetween(11.0, 13.25);
        // Performance ratio about 0.8 of a clear June noon near 1000 W/m², reduced by cloud on average.
        assertThat(byQuarterHour[peak] / 30 / 300).isBetween(0.35, 0.85);
    }

    @Test
    void aClearDaysGenerationIsAboutCapacityTimesIrradiationTimesPerformanceRatio() {
        SimulatedMeter pv = TestRegistry.fleet(TestRegistry.fullOffice(10_000, 100), 3).meter("pv").get();
        long midnight = TestRegistry.midnight(SOLSTICE);
        double irradiationKwhM2 = 0;
        for (int q = 0; q < 96; q++) {
            irradiationKwhM2 += pv.readingAt(midnight + q * 900_000L).irradianceWm2() / 1000.0 * 0.25;
        }
        double generated = pv.readingAt(midnight + 86_400_000L).energyKwh() - pv.readingAt(midnight).energyKwh();
        double performanceRatio = generated / (100 * irradiationKwhM2);
        assertThat(performanceRatio).isBetween(0.65, 0.85);
    }
}
