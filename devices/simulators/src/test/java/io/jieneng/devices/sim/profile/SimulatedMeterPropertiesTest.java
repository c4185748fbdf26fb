package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedMeterPropertiesTest {

    private static final String[] METERS =
        {"main", "lighting", "hvac", "power", "dc-total", "dc-it", "water", "gas", "heat", "pv"};

    @Provide
    Arbitrary<String> meterIds() {
        return Arbitraries.of(METERS);
    }

    @Provide
    Arbitrary<List<Long>> steps() {
        // From one second to three days, so steps both inside a 15-minute grid cell and across many days.
        return Arbitraries.longs().between(1_000L, 3 * 86_400_000L).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 150)
    void registersNeverDecreaseAndValuesAreFiniteAndNonNegative(
            @ForAll("meterIds") String meterId, @ForAll long seed, @ForAll @IntRange(max = 700) int startDay,
            @ForAll("steps") List<Long> steps) {
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

    @Property(tries = 60)
    void readingsCarryExactlyTheFieldsTheMeterTypeAllows(@ForAll("meterIds") String meterId, @ForAll long seed,
                                                         @ForAll @IntRange(max = 100_000) int minutes) {
        SimulatedMeter meter = TestRegistry.fleet(TestRegistry.fullOffice(20_000, 200), seed).meter(meterId).get();
        Reading r = meter.readingAt(meter.firstReadingMillis() + minutes * 60_000L);
        var allowed = meter.meter().type().allowedFields(meter.meter().role());
        assertThat(r.values().keySet()).isSubsetOf(allowed).isEqualTo(meter.fields());
        if (!meterId.equals("pv")) {
            assertThat(r.values().keySet()).isEqualTo(allowed);
        }
    }

    @Property(tries = 40)
    void registersStartAtAPlausibleNonZeroValue(@ForAll("meterIds") String meterId, @ForAll long seed) {
        SimulatedMeter meter = TestRegistry.fleet(TestRegistry.fullOffice(20_000, 200), seed).meter(meterId).get();
        Reading first = meter.readingAt(meter.firstReadingMillis());
        for (ReadingField f : List.of(ReadingField.ENERGY_KWH, ReadingField.VOLUME_M3, ReadingField.HEAT_GJ)) {
            if (first.get(f) != null) {
                assertThat(first.get(f)).as("%s of %s", f, meterId).isPositive();
            }
        }
    }

    /** A restarted simulator must resend the same values for the same (meter, ts), or ingest would see resets. */
    @Property(tries = 30)
    void aReadingDependsOnlyOnItsInstantNotOnWhatWasAskedBefore(
            @ForAll("meterIds") String meterId, @ForAll long seed,
            @ForAll @Size(min = 2, max = 20) List<@IntRange(max = 200_000) Integer> minutes) {
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
