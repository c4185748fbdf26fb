package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillWindowTest {

    private static final long NOW = 1_780_000_123_456L;

    @Test
    void timestampsAreAlignedInsideThePeriodAndNeverBeforeTheFirstAllowedInstant() {
        Property.check(r -> alignedInsideThePeriod(Gen.longIn(r, 0, 4_000_000_000_000L), Gen.intIn(r, 0, 90),
                Gen.longIn(r, 0, 4_000_000_000_000L), Gen.intIn(r, 1, 3600)));
    }

    /** An empty period, instants at zero and at the top, a start before zero, aligned and unaligned ends. */
    @ParameterizedTest
    @CsvSource({"0, 0, 0, 1", "0, 90, 0, 3600", "4000000000000, 0, 4000000000000, 1",
            "4000000000000, 90, 0, 3600", "4000000000000, 90, 4000000000000, 1", "86400000, 1, 0, 1",
            "86400000, 1, 86400000, 3600", "3600000, 0, 3600000, 3600", "1780000123456, 1, 1779999999999, 900"})
    void timestampsAreAlignedInsideThePeriodAndNeverBeforeTheFirstAllowedInstant_edges(long to, int days,
                                                                                        long notBefore,
                                                                                        int intervalSeconds) {
        alignedInsideThePeriod(to, days, notBefore, intervalSeconds);
    }

    private static void alignedInsideThePeriod(long to, int days, long notBefore, int intervalSeconds) {
        long step = intervalSeconds * 1000L;
        long from = to - days * 86_400_000L;
        BackfillWindow w = BackfillWindow.of(from, to, step, notBefore);
        if (w.count() == 0) {
            assertThat(w.firstMillis()).isGreaterThan(w.lastMillis());
            return;
        }
        assertThat(w.firstMillis()).isGreaterThan(from).isGreaterThanOrEqualTo(notBefore);
        assertThat(w.lastMillis()).isLessThanOrEqualTo(to);
        assertThat(w.firstMillis() % step).isZero();
        assertThat(w.lastMillis() % step).isZero();
        assertThat(w.firstMillis() - step).satisfiesAnyOf(
                t -> assertThat(t).isLessThanOrEqualTo(from), t -> assertThat(t).isLessThan(notBefore));
        assertThat(w.lastMillis() + step).isGreaterThan(to);
    }

    @Test
    void oneDayAtFifteenMinutesHoldsNinetySixReadings() {
        assertThat(BackfillWindow.of(NOW - 86_400_000L, NOW, 900_000L, 0).count()).isEqualTo(96);
        long aligned = NOW / 900_000L * 900_000L;
        assertThat(BackfillWindow.of(aligned - 86_400_000L, aligned, 900_000L, 0).count()).isEqualTo(96);
    }

    /** 50 tries: each simulates a meter for up to 30 days, about 2,900 readings. */
    @Test
    void aMeterNeverReportsBeforeItsCommissioningDay() {
        Property.check(50, r -> neverBeforeCommissioning(Gen.intIn(r, -40, 40), Gen.intIn(r, 1, 30)));
    }

    /** Commissioned today, long before, long after, and exactly where the backfill starts. */
    @ParameterizedTest
    @CsvSource({"0, 1", "0, 30", "-40, 1", "-40, 30", "40, 30", "1, 1", "-1, 1", "-30, 30", "-31, 30", "-2, 1"})
    void aMeterNeverReportsBeforeItsCommissioningDay_edges(int commissionedOffsetDays, int backfillDays) {
        neverBeforeCommissioning(commissionedOffsetDays, backfillDays);
    }

    private static void neverBeforeCommissioning(int commissionedOffsetDays, int backfillDays) {
        LocalDate today = LocalDate.of(2026, 3, 10);
        long now = TestRegistry.midnight(today) + 13 * 3_600_000L + 7 * 60_000L;
        LocalDate commissioned = today.plusDays(commissionedOffsetDays);
        Meter m = new Meter("w", "x", MeterType.WATER, null, null, null, 900, commissioned, "s");
        SimulatedMeter meter = SimulatedFleet.of(
                new RegistryDocument(null, null, List.of(m), null, null, null, null, null), 7).meter("w").get();
        List<Reading> readings = meter.readings(now - backfillDays * 86_400_000L, now);
        long commissionedMillis = TestRegistry.midnight(commissioned);
        assertThat(readings).allSatisfy(r -> assertThat(r.tsMillis()).isGreaterThanOrEqualTo(commissionedMillis));
        if (commissionedOffsetDays < -backfillDays) {
            assertThat(readings).hasSize(backfillDays * 96);
        }
        if (commissionedOffsetDays > 0) {
            assertThat(readings).isEmpty();
        }
    }
}
