package io.jieneng.store.influxdb;

import io.jieneng.devices.reading.Reading;
import io.jieneng.store.testing.TestRegistry;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxLinesTest {

    @Test
    void aReadingBecomesOneLineWithSortedRegistryTagsAndOnlyItsFields() {
        Reading r = new Reading(TestRegistry.MAIN, 1767225600000L, 10234.5, null, null, null, 12.3, null, null);
        String line = new InfluxLines().encode(List.of(r), TestRegistry.registry());
        assertThat(line).isEqualTo("readings,institution=js-gov-office,meter=gov-e-main,region=320102,role=main,"
                + "type=electricity energyKwh=10234.5,powerKw=12.3 1767225600000\n");
    }

    @Test
    void aMeterUnknownToTheRegistryKeepsItsMeterTagAndSpecialCharactersAreEscaped() {
        Reading r = new Reading("a b,c=d", 5L, 1.0, null, null, null, null, null, null);
        assertThat(new InfluxLines().encode(List.of(r), TestRegistry.registry()))
                .isEqualTo("readings,meter=a\\ b\\,c\\=d energyKwh=1.0 5\n");
    }

    @Test
    void everyValueParsesBackToTheSameDouble() {
        Property.check(r -> parsesBackToTheSameDouble(Gen.doubleIn(r, 0, 1e15)));
    }

    /** Zero, the ends, the smallest doubles, and values whose shortest form switches to an exponent. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1e15, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-3, 9.999999999999999e-4, 1e7,
            9999999.999999998, 0.1, 12345.678, 999999999999999.9})
    void everyValueParsesBackToTheSameDouble_edges(double v) {
        parsesBackToTheSameDouble(v);
    }

    private static void parsesBackToTheSameDouble(double v) {
        Reading r = new Reading(TestRegistry.MAIN, 1L, v, null, null, null, null, null, null);
        String line = new InfluxLines().encode(List.of(r), TestRegistry.registry());
        String value = line.substring(line.indexOf("energyKwh=") + "energyKwh=".length(), line.lastIndexOf(' '));
        assertThat(Double.parseDouble(value)).isEqualTo(v);
    }
}
