package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedMeterPropertiesTest {

    private static final String[] METERS =
        {"main", "lighting", "hvac", "power", "dc-total", "dc-it", "water", "gas", "heat", "pv"};

    private static final long MIN_STEP = 1_000L;
    private static final long MAX_STEP = 3 * 86_400_000L;

    /** From one second to three days, so steps both inside a 15-minute grid cell and across many days. */
    private static List<Long> steps(Random r) {
        return Gen.listOf(r, 1, 60, x -> Gen.longIn(x, MIN_STEP, MAX_STEP));
    }

    // Fewer tries than the default: each builds an office's fleet of simulated meters, and a meter's reading
    // sums its profile over every 15-minute cell up to that instant's day.

    @Test
    void registersNeverDecreaseAndValuesAreFiniteAndNonNegative() {
        Property.check(150, r -> registersNeverDecrease(Gen.oneOf(r, METERS), Gen.anyLong(r), Gen.intIn(r, 0, 700),
                steps(r)));
    }

    /** Every meter, from its first reading and from day 700, in the shortest steps and in the longest. */
    @ParameterizedTest
    @ValueSource(strings = {"main", "lighting", "hvac", "power", "dc-total", "dc-it", "water", "gas", "heat", "pv"})
    void registersNeverDecreaseAndValuesAreFiniteAndNonNegative_edges(String meterId) {
        registersNeverDecrease(meterId, 0, 0, List.of(MIN_STEP));
        registersNeverDecrease(meterId, Long.MIN_VALUE, 700, Collections.nCopies(60, MIN_STEP));
        registersNeverDecrease(meterId, Long.MAX_VALUE, 0, Collections.nCopies(60, MAX_STEP));
    }

    private static void registersNeverDecrease(String meterId, long seed, int startDay, List<Long> steps) {
        SimulatedMeter meter = TestRegistry.fleet(TestRegistry.fullOffice(20_000, 200), seed).meter(meterId).get();
        long t = meter.firstReadingMillis() + startDay * 86_400_000L;
        Reading previous = meter.readingAt(t);
        assertFiniteAndNonNegative(previous);
        for (long step : steps) {
            t += step;
            Reading next = meter.readingAt(t);
            assertFiniteAndNonNegative(next);
            for (ReadingField f : ReadingField.values()) {
                if (f.isRegister() && next.get(f) != null) {
                    assertThat(next.get(f)).as("%s of %s", f, meterId).isGreaterThanOrEqualTo(previous.get(f));
                }
            }
            previous = next;
        }
    }

    @Test
    void readingsCarryExactlyTheFieldsTheMeterTypeAllows() {
        Property.check(60, r -> carriesTheAllowedFields(Gen.oneOf(r, METERS), Gen.anyLong(r),
                Gen.intIn(r, 0, 100_000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "lighting", "hvac", "power", "dc-total", "dc-it", "water", "gas", "heat", "pv"})
    void readingsCarryExactlyTheFieldsTheMeterTypeAllows_edges(String meterId) {
        carriesTheAllowedFields(meterId, 0, 0);
        carriesTheAllowedFields(meterId, Long.MAX_VALUE, 100_000);
    }

    private static void carriesTheAllowedFields(String meterId, long seed, int minutes) {
        SimulatedMeter meter = TestRegistry.fleet(TestRegistry.fullOffice(20_000, 200), seed).meter(meterId).get();
        Reading r = meter.readingAt(meter.firstReadingMillis() + minutes * 60_000L);
        var allowed = meter.meter().type().allowedFields(meter.meter().role());
        assertThat(r.values().keySet()).isSubsetOf(allowed).isEqualTo(meter.fields());
        if (!meterId.equals("pv")) {
            assertThat(r.values().keySet()).isEqualTo(allowed);
        }
    }

    @Test
    void registersStartAtAPlausibleNonZeroValue() {
        Property.check(40, r -> registersStartAboveZero(Gen.oneOf(r, METERS), Gen.anyLong(r)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "lighting", "hvac", "power", "dc-total", "dc-it", "water", "gas", "heat", "pv"})
    void registersStartAtAPlausibleNonZeroValue_edges(String meterId) {
        for (long seed : new long[]{0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            registersStartAboveZero(meterId, seed);
        }
    }

    private static void registersStartAboveZero(String meterId, long seed) {
        SimulatedMeter meter = TestRegistry.fleet(TestRegistry.fullOffice(20_000, 200), seed).meter(meterId).get();
        Reading first = meter.readingAt(meter.firstReadingMillis());
        for (ReadingField f : List.of(ReadingField.ENERGY_KWH, ReadingField.VOLUME_M3, ReadingField.HEAT_GJ)) {
            if (first.get(f) != null) {
                assertThat(first.get(f)).as("%s of %s", f, meterId).isPositive();
            }
        }
    }

    /** A restarted simulator must resend the same values for the same (meter, ts), or ingest would see resets. */
    @Test
    void aReadingDependsOnlyOnItsInstantNotOnWhatWasAskedBefore() {
        Property.check(30, r -> dependsOnlyOnTheInstant(Gen.oneOf(r, METERS), Gen.anyLong(r),
                Gen.listOf(r, 2, 20, x -> Gen.intIn(x, 0, 200_000))));
    }

    /** The same instant twice, the first and the last instant, far apart and backwards. */
    @ParameterizedTest
    @ValueSource(strings = {"main", "lighting", "hvac", "power", "dc-total", "dc-it", "water", "gas", "heat", "pv"})
    void aReadingDependsOnlyOnItsInstantNotOnWhatWasAskedBefore_edges(String meterId) {
        dependsOnlyOnTheInstant(meterId, 0, List.of(0, 0));
        dependsOnlyOnTheInstant(meterId, Long.MIN_VALUE, List.of(200_000, 0, 200_000, 1, 199_999));
    }

    private static void dependsOnlyOnTheInstant(String meterId, long seed, List<Integer> minutes) {
        SimulatedMeter forward = TestRegistry.fleet(TestRegistry.fullOffice(20_000, 200), seed).meter(meterId).get();
        SimulatedMeter shuffled = TestRegistry.fleet(TestRegistry.fullOffice(20_000, 200), seed).meter(meterId).get();
        List<Integer> sorted = new ArrayList<>(minutes);
        Collections.sort(sorted);
        List<Integer> random = new ArrayList<>(minutes);
        Collections.shuffle(random, new Random(seed));
        long start = forward.firstReadingMillis();
        List<Reading> a = new ArrayList<>();
        sorted.forEach(m -> a.add(forward.readingAt(start + m * 60_000L)));
        for (Integer m : random) {
            assertThat(shuffled.readingAt(start + m * 60_000L)).isEqualTo(a.get(sorted.indexOf(m)));
        }
    }

    private static void assertFiniteAndNonNegative(Reading r) {
        r.values().forEach((f, v) -> assertThat(v).as("%s of %s", f, r.meterId()).isFinite().isGreaterThanOrEqualTo(0.0));
    }
}
