package io.jieneng.store.influxdb;

import io.jieneng.devices.reading.Reading;
import io.jieneng.store.testing.TestRegistry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

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

    @Property
    void everyValueParsesBackToTheSameDouble(@ForAll @DoubleRange(min = 0, max = 1e15) double v) {
        Reading r = new Reading(TestRegistry.MAIN, 1L, v, null, null, null, null, null, null);
        String line = new InfluxLines().encode(List.of(r), TestRegistry.registry());
        String value = line.substring(line.indexOf("energyKwh=") + "energyKwh=".length(), line.lastIndexOf(' '));
        assertThat(Double.parseDouble(value)).isEqualTo(v);
    }
}
