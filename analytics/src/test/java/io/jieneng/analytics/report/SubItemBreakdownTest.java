package io.jieneng.analytics.report;

import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.SubItem;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SubItemBreakdownTest {

    private static Meter sub(String id, SubItem item) {
        return new Meter(id, "inst", MeterType.ELECTRICITY, MeterRole.SUB, item, null, 900, null, null);
    }

    private static Meter main(String id) {
        return new Meter(id, "inst", MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900, null, null);
    }

    @Test
    void theItCentreIsNestedInSpecialAndNeverCountedTwice() {
        List<Meter> meters = List.of(main("m"), sub("light", SubItem.LIGHTING_SOCKETS), sub("hvac", SubItem.HVAC),
                sub("special", SubItem.SPECIAL), sub("it", SubItem.IT_CENTRE));
        SubItemSection s = SubItemBreakdown.of(meters, List.of(),
                Map.of("m", 999.0, "light", 100.0, "hvac", 200.0, "special", 150.0, "it", 120.0), 1000, 0, 0);
        assertThat(s.items()).extracting(SubItemSection.SubItemLine::code)
                .containsExactly("01A00", "01B00", "01D00", "01D10");
        assertThat(s.meteredKwh()).isEqualTo(450.0);
        assertThat(s.unmeteredKwh()).isEqualTo(550.0);
        SubItemSection.SubItemLine it = s.items().get(3);
        assertThat(it.counted()).isFalse();
        assertThat(it.level()).isEqualTo(2);
        assertThat(it.parent()).isEqualTo("01D00");
        assertThat(it.sharePct()).isEqualTo(12.0);
    }

    @Test
    void anItCentreWithoutASpecialMeterIsMeteredSpecialLoad() {
        SubItemSection s = SubItemBreakdown.of(List.of(sub("it", SubItem.IT_CENTRE)), List.of(), Map.of("it", 80.0),
                100, 0, 0);
        assertThat(s.items().get(0).counted()).isTrue();
        assertThat(s.meteredKwh()).isEqualTo(80.0);
        assertThat(s.unmeteredKwh()).isEqualTo(20.0);
    }

    @Test
    void aDataCentreRecordDecidesWhatItsMetersMeasure() {
        // Both coded 01D10, as a registry might: the data centre says which is the room and which the IT load.
        List<Meter> meters = List.of(sub("dc-total", SubItem.IT_CENTRE), sub("dc-it", SubItem.IT_CENTRE));
        SubItemSection s = SubItemBreakdown.of(meters, List.of(new DataCenter("dc", "inst", "dc-it", "dc-total")),
                Map.of("dc-total", 50.0, "dc-it", 40.0), 100, 0, 0);
        assertThat(s.items()).extracting(SubItemSection.SubItemLine::code).containsExactly("01D00", "01D10");
        assertThat(s.items().get(0).meters()).containsExactly("dc-total");
        assertThat(s.meteredKwh()).isEqualTo(50.0);
    }

    @Test
    void theWholeIsConsumptionBecausePvFeedsTheBuildingBehindTheMainMeter() {
        // 60 kWh imported, 50 generated, 10 exported: the building used 100, which the sub-meters saw.
        SubItemSection s = SubItemBreakdown.of(List.of(sub("a", SubItem.LIGHTING_SOCKETS)), List.of(),
                Map.of("a", 100.0), 60, 50, 10);
        assertThat(s.consumptionKwh()).isEqualTo(100.0);
        assertThat(s.unmeteredKwh()).isZero();
        assertThat(s.items().get(0).sharePct()).isEqualTo(100.0);
    }

    @Test
    void withoutConsumptionSharesAreNull() {
        SubItemSection s = SubItemBreakdown.of(List.of(sub("a", SubItem.HVAC)), List.of(), Map.of("a", 5.0), 0, 0, 0);
        assertThat(s.items().get(0).sharePct()).isNull();
        assertThat(s.unmeteredSharePct()).isNull();
        assertThat(s.unmeteredKwh()).isEqualTo(-5.0);
    }

    @Test
    void meteredAndUnmeteredMakeUpTheConsumptionAndMeteredIsTheSumOfCountedItems() {
        Property.check(r -> meteredAndUnmeteredMakeUpTheConsumption(Gen.listOf(r, 0, 12, x -> Gen.doubleIn(x, 0, 1e6)),
                Gen.doubleIn(r, 0, 1e7), Gen.doubleIn(r, 0, 1e6), Gen.doubleIn(r, 0, 1e6)));
    }

    /**
     * No sub-meter; one; twelve (every sub-item, the IT centre with and without its special parent); nothing
     * measured and the most; more exported than imported and generated.
     */
    @ParameterizedTest
    @CsvSource({"0, 0, 0, 0, 0", "0, 0, 1e7, 1e6, 1e6", "1, 1e6, 0, 0, 0", "1, 0, 1e7, 0, 0", "12, 1e6, 1e7, 1e6, 1e6",
            "12, 0, 0, 0, 1e6", "5, 0.1, 0.2, 0.3, 0.4", "4, 1e6, 0, 1e6, 0"})
    void meteredAndUnmeteredMakeUpTheConsumptionAndMeteredIsTheSumOfCountedItems_edges(int meters, double kwh,
                                                                                     double imp, double pv,
                                                                                     double exp) {
        meteredAndUnmeteredMakeUpTheConsumption(Collections.nCopies(meters, kwh), imp, pv, exp);
    }

    private static void meteredAndUnmeteredMakeUpTheConsumption(List<Double> kwh, double imp, double pv,
                                                                double exp) {
        List<Meter> meters = new ArrayList<>();
        Map<String, Double> energy = new HashMap<>();
        for (int i = 0; i < kwh.size(); i++) {
            Meter m = sub("s" + i, SubItem.values()[i % SubItem.values().length]);
            meters.add(m);
            energy.put(m.id(), kwh.get(i));
        }
        SubItemSection s = SubItemBreakdown.of(meters, List.of(), energy, imp, pv, exp);
        double counted = s.items().stream().filter(SubItemSection.SubItemLine::counted)
                .mapToDouble(SubItemSection.SubItemLine::kwh).sum();
        assertThat(s.meteredKwh()).isCloseTo(counted, within(1e-6));
        assertThat(s.meteredKwh() + s.unmeteredKwh()).isCloseTo(imp + pv - exp, within(1e-6));
        assertThat(s.items().stream().mapToDouble(SubItemSection.SubItemLine::kwh).sum())
                .isCloseTo(kwh.stream().mapToDouble(Double::doubleValue).sum(), within(1e-6));
        boolean hasSpecial = s.items().stream().anyMatch(l -> l.code().equals("01D00"));
        s.items().stream().filter(l -> l.code().equals("01D10"))
                .forEach(l -> assertThat(l.counted()).isEqualTo(!hasSpecial));
    }
}
