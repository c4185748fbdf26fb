package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.jieneng.ingest.server.MqttWire.connect;
import static io.jieneng.ingest.server.MqttWire.publish;
import static io.jieneng.ingest.server.MqttWire.reasonOf;
import static io.jieneng.ingest.server.MqttWire.typeOf;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code JIENENG_MQTT_ALLOW_ANONYMOUS=true} an anonymous client may connect and ping, and every PUBLISH it
 * sends is refused and quarantined (issue 12, item 1: it used to be able to publish any registered meter).
 */
class AnonymousTest {

    static final String TOPIC = "meters/" + MAIN + "/readings";
    static final String VALID = "{\"ts\": 1767225600000, \"energyKwh\": 10234.5}";

    final MqttHarness harness = new MqttHarness(true, 1000);

    MqttWire anonymous(MqttVersion version) {
        MqttWire wire = harness.connect();
        wire.send(connect(version, null, null, 60));
        assertThat(ConnectTest.returnCode(wire.receiveOne())).isZero();
        return wire;
    }

    @Test
    void mayConnectAndPingButEveryPublishIsRefusedAndQuarantined() throws Exception {
        MqttWire wire = anonymous(MqttVersion.MQTT_5);
        wire.send(MqttMessage.PINGREQ);
        assertThat(typeOf(wire.receiveOne())).isEqualTo(MqttMessageType.PINGRESP);

        wire.send(publish(TOPIC, 1, 7, VALID));
        wire.send(publish(TOPIC, 0, 0, VALID));
        harness.writeBatch();
        MqttMessage ack = wire.receiveOne();
        assertThat(reasonOf(ack)).isEqualTo(0x87);
        assertThat(wire.received()).isEmpty();
        assertThat(harness.sink.all()).isEmpty();
        List<QuarantineEntry> rows = harness.quarantineStore.recent(Optional.empty(), 10);
        assertThat(rows).extracting(QuarantineEntry::reason).containsExactly("topic_not_allowed",
                "topic_not_allowed");
        assertThat(rows).extracting(QuarantineEntry::deviceId).containsOnlyNulls();
        assertThat(harness.counter(IngestMetrics.REJECTED, "reason", "topic_not_allowed")).isEqualTo(2);
    }

    @Test
    void anMqtt311AnonymousPublishClosesTheConnection() throws Exception {
        MqttWire wire = anonymous(MqttVersion.MQTT_3_1_1);
        wire.send(publish(TOPIC, 1, 8, VALID));
        harness.writeBatch();
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.sink.all()).isEmpty();
        assertThat(harness.quarantineStore.recent(Optional.empty(), 10)).hasSize(1);
    }
}
