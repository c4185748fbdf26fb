package io.jieneng.ingest.mqtt.publish;

import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.mqtt.connect.DevicePrincipal;
import io.jieneng.ingest.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import static io.jieneng.ingest.testing.TestRegistry.GAS;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.WATER;
import static org.assertj.core.api.Assertions.assertThat;

class TopicAclTest {

    final Registry registry = TestRegistry.registry();

    @Test
    void anAnonymousClientMayPublishNoMeterAtAll() {
        DevicePrincipal anonymous = new DevicePrincipal("some-client", DevicePrincipal.Kind.ANONYMOUS);
        for (String meter : new String[]{MAIN, WATER, GAS, "unknown"}) {
            assertThat(TopicAcl.allows(anonymous, meter, registry)).as(meter).isFalse();
        }
    }

    @Test
    void theBridgeMayPublishRegisteredMeters() {
        DevicePrincipal bridge = new DevicePrincipal(MAIN, DevicePrincipal.Kind.BRIDGE);
        assertThat(TopicAcl.allows(bridge, MAIN, registry)).isTrue();
        assertThat(TopicAcl.allows(new DevicePrincipal(GAS, DevicePrincipal.Kind.BRIDGE), GAS, registry)).isTrue();
    }

    @Test
    void aMeterMayPublishItsOwnTopicOnly() {
        DevicePrincipal meter = new DevicePrincipal(MAIN, DevicePrincipal.Kind.METER);
        assertThat(TopicAcl.allows(meter, MAIN, registry)).isTrue();
        assertThat(TopicAcl.allows(meter, WATER, registry)).isFalse();
    }

    @Test
    void nobodyMayPublishForADisabledMeterAndADisabledGatewayForNone() {
        Registry off = TestRegistry.disabling(MAIN, GAS);
        assertThat(TopicAcl.allows(new DevicePrincipal(MAIN, DevicePrincipal.Kind.METER), MAIN, off)).isFalse();
        assertThat(TopicAcl.allows(new DevicePrincipal(MAIN, DevicePrincipal.Kind.BRIDGE), MAIN, off)).isFalse();
        DevicePrincipal gateway = new DevicePrincipal(TestRegistry.GATEWAY, DevicePrincipal.Kind.GATEWAY);
        assertThat(TopicAcl.allows(gateway, GAS, off)).isFalse();
        assertThat(TopicAcl.allows(gateway, WATER, off)).isTrue();
        assertThat(TopicAcl.allows(gateway, WATER, TestRegistry.disabling(TestRegistry.GATEWAY))).isFalse();
    }
}
