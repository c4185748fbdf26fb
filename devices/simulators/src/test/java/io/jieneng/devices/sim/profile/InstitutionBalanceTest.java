package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.SubItem;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InstitutionBalanceTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    // Few tries: each simulates a whole office's fleet (a dozen meters) over a day.

    @Test
    void firstLevelSubMetersSumToSlightlyLessThanTheMainConsumption() {
        Property.check(60, r -> subMetersSlightlyBelowConsumption(Gen.anyLong(r), Gen.intIn(r, 0, 729)));
    }

    /** Seeds at the ends of the longs and zero, on the first and last day (New Year's Day, a holiday). */
    @ParameterizedTest
    @CsvSource({"0, 0", "-9223372036854775808, 729", "9223372036854775807, 0", "1, 181", "-1, 364"})
    void firstLevelSubMetersSumToSlightlyLessThanTheMainConsumption_edges(long seed, int day) {
        subMetersSlightlyBelowConsumption(seed, day);
    }

    private static void subMetersSlightlyBelowConsumption(long seed, int day) {
        SimulatedFleet fleet = TestRegistry.fleet(TestRegistry.fullOffice(30_000, 150), seed);
        long from = TestRegistry.midnight(START.plusDays(day));
        long to = from + 86_400_000L;
        double subs = 0;
        for (SimulatedMeter m : fleet.meters()) {
            if (m.channel().isFirstLevelSubItem()) {
                subs += delta(m, from, to, Reading::energyKwh);
            }
        }
        SimulatedMeter main = fleet.meter("main").get();
        double consumption = delta(main, from, to, Reading::energyKwh)
                + delta(fleet.meter("pv").get(), from, to, Reading::energyKwh)
                - delta(main, from, to, Reading::exportKwh);
        assertThat(subs).isLessThan(consumption).isGreaterThan(0.85 * consumption);
    }

    @Test
    void withoutPvTheSubMetersSumToLessThanTheMainMetersImport() {
        Property.check(30, r -> subMetersBelowImportWithoutPv(Gen.anyLong(r), Gen.intIn(r, 0, 729)));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "-9223372036854775808, 729", "9223372036854775807, 0", "1, 181"})
    void withoutPvTheSubMetersSumToLessThanTheMainMetersImport_edges(long seed, int day) {
        subMetersBelowImportWithoutPv(seed, day);
    }

    private static void subMetersBelowImportWithoutPv(long seed, int day) {
        SimulatedFleet fleet = TestRegistry.fleet(TestRegistry.fullOffice(30_000, 0), seed);
        long from = TestRegistry.midnight(START.plusDays(day));
        long to = from + 86_400_000L;
        double subs = fleet.meters().stream().filter(m -> m.channel().isFirstLevelSubItem())
                .mapToDouble(m -> delta(m, from, to, Reading::energyKwh)).sum();
        assertThat(subs).isLessThan(delta(fleet.meter("main").get(), from, to, Reading::energyKwh));
    }

    @Test
    void dataCentrePueStaysBetween1point2And1point7OverADay() {
        Property.check(60, r -> pueInRangeOverADay(Gen.anyLong(r), Gen.intIn(r, 0, 729)));
    }

    /** Also the hottest and coldest weeks' days, where the cooling share is largest and smallest. */
    @ParameterizedTest
    @CsvSource({"0, 0", "-9223372036854775808, 729", "9223372036854775807, 0", "1, 200", "2, 565", "3, 20"})
    void dataCentrePueStaysBetween1point2And1point7OverADay_edges(long seed, int day) {
        pueInRangeOverADay(seed, day);
    }

    private static void pueInRangeOverADay(long seed, int day) {
        SimulatedFleet fleet = TestRegistry.fleet(TestRegistry.fullOffice(30_000, 0), seed);
        long from = TestRegistry.midnight(START.plusDays(day));
        long to = from + 86_400_000L;
        double pue = delta(fleet.meter("dc-total").get(), from, to, Reading::energyKwh)
                / delta(fleet.meter("dc-it").get(), from, to, Reading::energyKwh);
        assertThat(pue).isBetween(1.2, 1.7);
    }

    @Test
    void pueIsHigherInSummerThanInWinter() {
        SimulatedFleet fleet = TestRegistry.fleet(TestRegistry.fullOffice(30_000, 0), 11);
        assertThat(monthlyPue(fleet, LocalDate.of(2025, 7, 1))).isGreaterThan(1.45);
        assertThat(monthlyPue(fleet, LocalDate.of(2025, 1, 1))).isBetween(1.2, 1.35);
    }

    @Test
    void pvSurplusIsExportedAndImportIsReducedByExactlyThePvGeneration() {
        // A small building under a big array: on a sunny weekend the PV exceeds the load around noon.
        RegistryDocument doc = TestRegistry.fullOffice(3_000, 400);
        SimulatedFleet withPv = TestRegistry.fleet(doc, 5);
        SimulatedFleet withoutPv = TestRegistry.fleet(withoutPv(doc), 5);
        double exported = 0;
        for (int d = 0; d < 14; d++) {
            long from = TestRegistry.midnight(LocalDate.of(2025, 5, 1).plusDays(d));
            long to = from + 86_400_000L;
            SimulatedMeter main = withPv.meter("main").get();
            double importKwh = delta(main, from, to, Reading::energyKwh);
            double exportKwh = delta(main, from, to, Reading::exportKwh);
            double pvKwh = delta(withPv.meter("pv").get(), from, to, Reading::energyKwh);
            double loadKwh = delta(withoutPv.meter("main").get(), from, to, Reading::energyKwh);
            assertThat(importKwh - exportKwh + pvKwh).isCloseTo(loadKwh, within(0.01));
            assertThat(importKwh).isLessThan(loadKwh);
            exported += exportKwh;
        }
        assertThat(exported).isPositive();
    }

    @Test
    void officeLoadFollowsWorkingHoursWeekendsAndSeasons() {
        SimulatedFleet fleet = TestRegistry.fleet(TestRegistry.fullOffice(30_000, 0), 2);
        SimulatedMeter main = fleet.meter("main").get();
        SimulatedMeter lighting = fleet.meter("lighting").get();
        SimulatedMeter hvac = fleet.meter("hvac").get();
        long wednesday = TestRegistry.midnight(LocalDate.of(2025, 4, 16));
        long saturday = TestRegistry.midnight(LocalDate.of(2025, 4, 19));
        assertThat(dayKwh(lighting, wednesday)).isGreaterThan(2.5 * dayKwh(lighting, saturday));
        double peakWm2 = main.readingAt(wednesday + 10 * 3_600_000L).powerKw() * 1000 / 30_000;
        double nightWm2 = main.readingAt(wednesday + 3 * 3_600_000L).powerKw() * 1000 / 30_000;
        assertThat(peakWm2).isBetween(15.0, 40.0);
        assertThat(nightWm2).isLessThan(peakWm2 / 3);
        double lunch = lighting.readingAt(wednesday + 12 * 3_600_000L + 30 * 60_000L).powerKw();
        double morning = lighting.readingAt(wednesday + 10 * 3_600_000L).powerKw();
        assertThat(lunch).isLessThan(0.8 * morning);

        double aprilHvac = monthKwh(hvac, LocalDate.of(2025, 4, 1));
        assertThat(monthKwh(hvac, LocalDate.of(2025, 7, 1))).isGreaterThan(3 * aprilHvac);
        assertThat(monthKwh(hvac, LocalDate.of(2025, 1, 1))).isGreaterThan(2 * aprilHvac);
        double julyPeakWm2 = 0;
        for (int d = 1; d <= 31; d++) {
            long t = TestRegistry.midnight(LocalDate.of(2025, 7, d)) + 15 * 3_600_000L;
            julyPeakWm2 = Math.max(julyPeakWm2, main.readingAt(t).powerKw() * 1000 / 30_000);
        }
        assertThat(julyPeakWm2).isBetween(35.0, 65.0);
    }

    @Test
    void gasIsCookedAtLunchAndBurntForHeatingInWinter() {
        SimulatedMeter gas = TestRegistry.fleet(TestRegistry.fullOffice(30_000, 0), 4).meter("gas").get();
        long thursday = TestRegistry.midnight(LocalDate.of(2025, 5, 15));
        double lunch = gas.readingAt(thursday + 12 * 3_600_000L).volumeM3()
                - gas.readingAt(thursday + 11 * 3_600_000L).volumeM3();
        double afternoon = gas.readingAt(thursday + 15 * 3_600_000L).volumeM3()
                - gas.readingAt(thursday + 14 * 3_600_000L).volumeM3();
        assertThat(lunch).isGreaterThan(5 * afternoon);
        assertThat(monthVolume(gas, LocalDate.of(2025, 1, 1))).isGreaterThan(3 * monthVolume(gas,
                LocalDate.of(2025, 5, 1)));
    }

    private static double monthlyPue(SimulatedFleet fleet, LocalDate month) {
        return monthKwh(fleet.meter("dc-total").get(), month) / monthKwh(fleet.meter("dc-it").get(), month);
    }

    private static double dayKwh(SimulatedMeter m, long midnight) {
        return delta(m, midnight, midnight + 86_400_000L, Reading::energyKwh);
    }

    private static double monthKwh(SimulatedMeter m, LocalDate first) {
        return delta(m, TestRegistry.midnight(first), TestRegistry.midnight(first.plusMonths(1)), Reading::energyKwh);
    }

    private static double monthVolume(SimulatedMeter m, LocalDate first) {
        return delta(m, TestRegistry.midnight(first), TestRegistry.midnight(first.plusMonths(1)), Reading::volumeM3);
    }

    private static double delta(SimulatedMeter m, long from, long to, Function<Reading, Double> register) {
        return register.apply(m.readingAt(to)) - register.apply(m.readingAt(from));
    }

    private static RegistryDocument withoutPv(RegistryDocument doc) {
        return new RegistryDocument(doc.regions(), doc.institutions(),
                doc.meters().stream().filter(m -> !m.id().equals("pv")).toList(),
                doc.gateways(), doc.dataCenters(), null, null, null);
    }

    @Test
    void metersThatShareAChannelSplitIt() {
        Institution office = new Institution("o", "O", "320000", "school", 8_000.0, 200);
        RegistryDocument one = new RegistryDocument(null, List.of(office),
                List.of(TestRegistry.electricity("a", "o", MeterRole.SUB, SubItem.HVAC)), null, null, null, null, null);
        RegistryDocument two = new RegistryDocument(null, List.of(office),
                List.of(TestRegistry.electricity("a", "o", MeterRole.SUB, SubItem.HVAC),
                        TestRegistry.electricity("b", "o", MeterRole.SUB, SubItem.HVAC)), null, null, null, null, null);
        long from = TestRegistry.midnight(LocalDate.of(2025, 8, 4));
        double whole = dayKwh(SimulatedFleet.of(one, 1).meter("a").get(), from);
        SimulatedFleet split = SimulatedFleet.of(two, 1);
        double a = dayKwh(split.meter("a").get(), from);
        double b = dayKwh(split.meter("b").get(), from);
        assertThat(a + b).isCloseTo(whole, within(0.01));
        assertThat(a).isCloseTo(whole / 2, within(0.01));
    }
}
