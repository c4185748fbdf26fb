package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillWindowTest {

    private static final long NOW = 1_780_000_123_456L;

    @Property
    void timestampsAreAlignedInsideThePeriodAndNeverBeforeTheFirstAllowedInstant(
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long to,
            @ForAll @IntRange(min = 0, max = 90) int days,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long notBefore,
            @ForAll @IntRange(min = 1, max = 3600) int intervalSeconds) {
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

    @Property(tries = 50)
    void aMeterNeverReportsBeforeItsCommissioningDay(@ForAll @IntRange(min = -40, max = 40) int commissionedOffsetDays,
                                                      @ForAll @IntRange(min = 1, max = 30) int backfillDays) {
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
