package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.MeterSum;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.devices.reading.ReadingField;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Asserts that two energy sources agree: the rollup-backed one must equal the raw one to 1e-9 relative. */
final class Parity {

    private Parity() {
    }

    static void assertSame(Map<String, MeterSeries> expected, Map<String, MeterSeries> actual, String what) {
        assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
        expected.forEach((id, e) -> {
            MeterSeries a = actual.get(id);
            for (ReadingField register : RawMeterEnergy.registers(e.meter())) {
                double[] ev = e.energy(register);
                double[] av = a.energy(register);
                assertThat(av).as(what + ": " + id + " " + register + " bucket count").hasSameSizeAs(ev);
                for (int i = 0; i < ev.length; i++) {
                    assertThat(av[i]).as(what + ": " + id + " " + register.jsonName() + " bucket " + i)
                            .isCloseTo(ev[i], within(Math.max(1e-9 * Math.abs(ev[i]), 1e-12)));
                }
            }
            assertThat(a.received()).as(what + ": " + id + " received").containsExactly(e.received());
            assertThat(a.estimated()).as(what + ": " + id + " estimated").containsExactly(e.estimated());
        });
    }

    /** The range-wide sums of {@code actual} equal those of the raw series, to 1e-9 relative. */
    static void assertSameSums(Map<String, MeterSeries> expected, Map<String, MeterSum> actual, String what) {
        assertThat(actual.keySet()).as(what + ", sums").isEqualTo(expected.keySet());
        expected.forEach((id, e) -> {
            MeterSum a = actual.get(id);
            for (ReadingField register : RawMeterEnergy.registers(e.meter())) {
                double ev = e.total(register);
                assertThat(a.energy()).as(what + ": " + id + " sum registers").containsKey(register);
                assertThat(a.energy(register)).as(what + ": " + id + " sum of " + register.jsonName())
                        .isCloseTo(ev, within(Math.max(1e-9 * Math.abs(ev), 1e-9)));
            }
            assertThat(a.readings()).as(what + ": " + id + " sum of readings")
                    .isEqualTo(MeterSum.of(e).readings());
        });
    }

    /** The sum of every register's energy over every meter and bucket: shows a test has data at all. */
    static double total(Map<String, MeterSeries> series) {
        double sum = 0;
        for (MeterSeries s : series.values()) {
            for (ReadingField r : RawMeterEnergy.registers(s.meter())) {
                sum += s.total(r);
            }
        }
        return sum;
    }
}
