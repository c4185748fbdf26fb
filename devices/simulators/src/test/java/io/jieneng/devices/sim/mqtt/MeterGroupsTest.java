package io.jieneng.devices.sim.mqtt;

import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.sim.profile.SimulatedFleet;
import io.jieneng.devices.sim.profile.SimulatedMeter;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MeterGroupsTest {

    @Test
    void gatewayMetersShareTheGatewaysConnectionAndOthersConnectAlone() {
        RegistryDocument doc = document(
                List.of(meter("a", "sa"), meter("b", "sb"), meter("c", null), meter("d", null), meter("e", "se")),
                List.of(new Gateway("gw", List.of("b", "c"), "c4d92a1fd47b1e6efe8ffe8cb77b4ef3")));
        MeterGroups plan = MeterGroups.plan(doc, SimulatedFleet.of(doc, 1));

        assertThat(plan.groups()).extracting(MeterGroup::clientId).containsExactly("gw", "a", "e");
        MeterGroup gateway = plan.groups().get(0);
        assertThat(gateway.username()).isEqualTo("gw");
        assertThat(gateway.password()).isEqualTo("c4d92a1fd47b1e6efe8ffe8cb77b4ef3");
        assertThat(gateway.meters()).extracting(SimulatedMeter::meterId).containsExactly("b", "c");
        MeterGroup alone = plan.groups().get(1);
        assertThat(alone.username()).isEqualTo("a");
        assertThat(alone.password()).isEqualTo("sa");
        assertThat(alone.meters()).extracting(SimulatedMeter::meterId).containsExactly("a");
        assertThat(plan.skipped()).containsExactly("d");
        assertThat(plan.meterCount()).isEqualTo(4);
    }

    @Test
    void aGatewayWithoutSecretLeavesItsMetersToTheirOwnSecretsAndAMeterIsNeverPublishedTwice() {
        RegistryDocument doc = document(List.of(meter("a", "sa"), meter("b", null), meter("c", "sc")),
                List.of(new Gateway("nosecret", List.of("a", "b"), null),
                        new Gateway("gw1", List.of("c"), "s1"), new Gateway("gw2", List.of("c"), "s2")));
        MeterGroups plan = MeterGroups.plan(doc, SimulatedFleet.of(doc, 1));

        assertThat(plan.groups()).extracting(MeterGroup::clientId).containsExactly("gw1", "a");
        assertThat(plan.skipped()).containsExactly("b");
    }

    @Test
    void theDemoRegistryPublishesEveryMeterWithItsGatewaysOnOneConnectionEach() {
        RegistryDocument demo = RegistryDocuments.demo();
        MeterGroups plan = MeterGroups.plan(demo, SimulatedFleet.of(demo, 1));

        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.meterCount()).isEqualTo(demo.meters().size());
        int gatewayMeters = demo.gateways().stream().mapToInt(g -> g.meters().size()).sum();
        assertThat(plan.groups()).hasSize(demo.meters().size() - gatewayMeters + demo.gateways().size());
    }

    @Test
    void topicsFollowTheContract() {
        assertThat(MeterGroup.topic("gov-e-main")).isEqualTo("meters/gov-e-main/readings");
    }

    private static Meter meter(String id, String secret) {
        return new Meter(id, "i", MeterType.WATER, null, null, null, 900, LocalDate.of(2025, 1, 1), secret);
    }

    private static RegistryDocument document(List<Meter> meters, List<Gateway> gateways) {
        return new RegistryDocument(null, null, meters, gateways, null, null, null, null);
    }
}
