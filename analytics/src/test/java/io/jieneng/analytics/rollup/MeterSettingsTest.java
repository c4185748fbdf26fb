package io.jieneng.analytics.rollup;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MeterSettingsTest {

    @Test
    void aChangeOfTypeRoleOrIntervalNeedsRecomputationAndNothingElseDoes() {
        Registry before = registry(
                meter("same", MeterType.ELECTRICITY, MeterRole.MAIN, 900, null),
                meter("interval", MeterType.ELECTRICITY, MeterRole.MAIN, 900, null),
                meter("role", MeterType.ELECTRICITY, MeterRole.MAIN, 900, null),
                meter("type", MeterType.WATER, null, 900, null),
                meter("commissioned", MeterType.GAS, null, 900, null),
                meter("removed", MeterType.GAS, null, 900, null));
        Registry after = registry(
                meter("same", MeterType.ELECTRICITY, MeterRole.MAIN, 900, null),
                meter("interval", MeterType.ELECTRICITY, MeterRole.MAIN, 300, null),
                meter("role", MeterType.ELECTRICITY, MeterRole.SUB, 900, null),
                meter("type", MeterType.GAS, null, 900, null),
                meter("commissioned", MeterType.GAS, null, 900, LocalDate.of(2026, 1, 1)),
                meter("added", MeterType.GAS, null, 900, null));
        assertThat(MeterSettings.changed(MeterSettings.of(before), MeterSettings.of(after)))
                .containsExactly("interval", "role", "type");
    }

    private static Registry registry(Meter... meters) {
        return Registry.of(new RegistryDocument(null, null, List.of(meters), null, null, null, null, null));
    }

    private static Meter meter(String id, MeterType type, MeterRole role, int interval, LocalDate commissioned) {
        return new Meter(id, "i", type, role, null, null, interval, commissioned, null);
    }
}
