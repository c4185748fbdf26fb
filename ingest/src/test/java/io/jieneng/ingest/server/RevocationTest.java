package io.jieneng.ingest.server;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.testing.TestRegistry;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import static io.jieneng.ingest.server.MqttWire.disconnectReason;
import static io.jieneng.ingest.server.MqttWire.publish;
import static io.jieneng.ingest.testing.TestRegistry.GAS;
import static io.jieneng.ingest.testing.TestRegistry.GATEWAY;
import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.WATER;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device disabled (or removed) by a registry import loses its open connections at the next look at the
 * snapshot, and its readings are refused whoever sends them (issue 12, item 3).
 */
class RevocationTest {

    final MqttHarness harness = new MqttHarness();
    final DeviceRevocation revocation = new DeviceRevocation(() -> harness.registry, harness.services.channels(),
            new Disconnector(harness.metrics));

    MqttWire device(String id) {
        return harness.connect().connected(MqttVersion.MQTT_5, id, secret(id));
    }

    @Test
    void openConnectionsOfDisabledDevicesAreClosedOthersStay() {
        MqttWire main = device(MAIN);
        MqttWire gateway = device(GATEWAY);
        MqttWire hvac = device(HVAC);
        revocation.run();
        assertThat(main.isOpen()).as("an unchanged snapshot changes nothing").isTrue();

        harness.registry = TestRegistry.disabling(MAIN, GATEWAY);
        revocation.run();
        assertThat(disconnectReason(main.receiveOne())).isEqualTo(0x87);
        assertThat(main.isOpen()).isFalse();
        assertThat(disconnectReason(gateway.receiveOne())).isEqualTo(0x87);
        assertThat(gateway.isOpen()).isFalse();
        assertThat(hvac.received()).isEmpty();
        assertThat(hvac.isOpen()).isTrue();
    }

    @Test
    void connectionsOfDevicesRemovedFromTheRegistryAreClosed() {
        MqttWire hvac = device(HVAC);
        harness.registry = Registry.empty();
        revocation.run();
        assertThat(hvac.isOpen()).isFalse();
    }

    @Test
    void aGatewayMayNotPublishForADisabledMeter() throws Exception {
        MqttWire gateway = device(GATEWAY);
        harness.registry = TestRegistry.disabling(GAS);
        revocation.run();
        assertThat(gateway.isOpen()).isTrue();
        gateway.send(publish("meters/" + WATER + "/readings", 1, 1, "{\"ts\":1767225600000,\"volumeM3\":5}"));
        gateway.send(publish("meters/" + GAS + "/readings", 1, 2, "{\"ts\":1767225600000,\"volumeM3\":7}"));
        harness.writeBatch();
        assertThat(gateway.received()).extracting(MqttWire::reasonOf).containsExactly(0, 0x87);
        assertThat(harness.sink.all()).extracting(Reading::meterId).containsExactly(WATER);
    }
}
