package io.jieneng.ingest.server;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import io.jieneng.ingest.testing.TestRegistry;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static io.jieneng.ingest.server.MqttWire.packetIdOf;
import static io.jieneng.ingest.server.MqttWire.publish;
import static io.jieneng.ingest.server.MqttWire.reasonOf;
import static io.jieneng.ingest.server.MqttWire.typeOf;
import static io.jieneng.ingest.testing.TestRegistry.GAS;
import static io.jieneng.ingest.testing.TestRegistry.GATEWAY;
import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.WATER;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

class PublishTest {

    static final String TOPIC = "meters/" + MAIN + "/readings";
    static final String VALID = "{\"ts\": 1767225600000, \"energyKwh\": 10234.5, \"powerKw\": 12.3}";
    static final Reading VALID_READING = new Reading(MAIN, 1767225600000L, 10234.5, null, null, null, 12.3, null,
            null);
    static final String IN_FUTURE = "{\"ts\": \"2026-03-01T08:05:01+08:00\", \"energyKwh\": 1}";

    final MqttHarness harness = new MqttHarness();

    MqttWire device(MqttVersion version, String id) {
        return harness.connect().connected(version, id, secret(id));
    }

    @Test
    void sendsPubackOnlyAfterTheStoreMadeTheReadingsDurable() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_3_1_1, MAIN);
        wire.send(publish(TOPIC, 1, 11, VALID));
        assertThat(wire.received()).isEmpty();
        assertThat(harness.sink.all()).isEmpty();

        harness.writeBatch();
        MqttMessage ack = wire.receiveOne();
        assertThat(typeOf(ack)).isEqualTo(MqttMessageType.PUBACK);
        assertThat(packetIdOf(ack)).isEqualTo(11);
        assertThat(harness.sink.all()).containsExactly(VALID_READING);
        assertThat(harness.counter(IngestMetrics.MESSAGES, "qos", "1")).isEqualTo(1);
        assertThat(harness.counter(IngestMetrics.READINGS, "qos", "1")).isEqualTo(1);
    }

    @Test
    void acknowledgesNothingWhileTheStoreIsDown() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_5, MAIN);
        harness.sink.failNext(1);
        wire.send(publish(TOPIC, 1, 12, VALID));
        assertThat(io.jieneng.ingest.pipeline.WriterDriver.writeQueued(harness.writer)).isFalse();
        assertThat(wire.received()).isEmpty();
        assertThat(harness.writer.pendingReadings()).isEqualTo(1);
    }

    @Test
    void qos2SendsPubrecAfterDurabilityAndPubcompOnPubrel() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_5, MAIN);
        wire.send(publish(TOPIC, 2, 21, VALID));
        assertThat(wire.received()).isEmpty();
        harness.writeBatch();
        MqttMessage rec = wire.receiveOne();
        assertThat(typeOf(rec)).isEqualTo(MqttMessageType.PUBREC);
        assertThat(reasonOf(rec)).isZero();

        // A resend before PUBREL is answered again without storing twice.
        wire.send(publish(TOPIC, 2, 21, VALID));
        assertThat(typeOf(wire.receiveOne())).isEqualTo(MqttMessageType.PUBREC);
        harness.writeBatch();
        assertThat(harness.sink.all()).hasSize(1);

        wire.send(pubrel(21));
        MqttMessage comp = wire.receiveOne();
        assertThat(typeOf(comp)).isEqualTo(MqttMessageType.PUBCOMP);
        assertThat(reasonOf(comp)).isZero();
        wire.send(pubrel(21));
        assertThat(reasonOf(wire.receiveOne())).isEqualTo(0x92);
    }

    @Test
    void storesQos0WithoutAnyAcknowledgement() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_3_1_1, MAIN);
        wire.send(publish(TOPIC, 0, 0, VALID));
        harness.writeBatch();
        assertThat(wire.received()).isEmpty();
        assertThat(harness.sink.all()).containsExactly(VALID_READING);
        assertThat(harness.counter(IngestMetrics.MESSAGES, "qos", "0")).isEqualTo(1);
    }

    @ParameterizedTest(name = "MQTT {0} QoS {1}")
    @CsvSource({"MQTT_5, 1, 153", "MQTT_5, 2, 153", "MQTT_3_1_1, 1, 0", "MQTT_3_1_1, 2, 0"})
    void quarantinesAnInvalidPayloadThenAcknowledgesIt(MqttVersion version, int qos, int reason) throws Exception {
        MqttWire wire = device(version, MAIN);
        wire.send(publish(TOPIC, qos, 31, IN_FUTURE));
        MqttMessage ack = wire.receiveOne();
        assertThat(typeOf(ack)).isEqualTo(qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC);
        assertThat(reasonOf(ack)).isEqualTo(reason);
        if (version == MqttVersion.MQTT_5) {
            var reasonString = ((io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader) ack.variableHeader())
                    .properties().getProperty(io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType
                            .REASON_STRING.value());
            assertThat((String) reasonString.value()).startsWith("ts_in_future: $.ts: ");
        }
        assertThat(wire.isOpen()).isTrue();
        assertThat(harness.sink.all()).isEmpty();
        List<QuarantineEntry> rows = harness.quarantineStore.recent(Optional.empty(), 10);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).reason()).isEqualTo("ts_in_future");
        assertThat(rows.get(0).deviceId()).isEqualTo(MAIN);
        assertThat(rows.get(0).topic()).isEqualTo(TOPIC);
        assertThat(rows.get(0).payload()).isEqualTo(IN_FUTURE);
        assertThat(rows.get(0).detail()).contains("$.ts");
        assertThat(harness.counter(IngestMetrics.REJECTED, "reason", "ts_in_future")).isEqualTo(1);
    }

    @Test
    void mqtt5RefusesAnotherMetersTopicWith0x87() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_5, MAIN);
        wire.send(publish("meters/" + HVAC + "/readings", 1, 41, VALID));
        MqttMessage ack = wire.receiveOne();
        assertThat(reasonOf(ack)).isEqualTo(0x87);
        assertThat(wire.isOpen()).isTrue();
        assertThat(harness.quarantineStore.recent(Optional.of(MAIN), 10)).extracting(QuarantineEntry::reason)
                .containsExactly("topic_not_allowed");
        assertThat(harness.counter(IngestMetrics.REJECTED, "reason", "topic_not_allowed")).isEqualTo(1);
    }

    @Test
    void mqtt311ClosesTheConnectionOnAForeignTopic() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_3_1_1, MAIN);
        wire.send(publish("meters/" + HVAC + "/readings", 1, 42, VALID));
        assertThat(wire.received()).isEmpty();
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.quarantineStore.recent(Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void aGatewayPublishesForItsMetersOnly() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_5, GATEWAY);
        wire.send(publish("meters/" + WATER + "/readings", 1, 1, "{\"ts\":1767225600000,\"volumeM3\":5}"));
        wire.send(publish("meters/" + GAS + "/readings", 1, 2, "{\"ts\":1767225600000,\"volumeM3\":7}"));
        wire.send(publish(TOPIC, 1, 3, VALID));
        wire.send(publish("meters/unknown/readings", 1, 4, VALID));
        wire.send(publish("not/a/readings/topic", 1, 5, VALID));
        assertThat(wire.received()).isEmpty();
        harness.writeBatch();
        assertThat(wire.received()).extracting(MqttWire::reasonOf).containsExactly(0, 0, 0x87, 0x87, 0x87);
        assertThat(harness.sink.all()).extracting(Reading::meterId).containsExactly(WATER, GAS);
    }

    @Test
    void acknowledgesInArrivalOrderWhateverFinishesFirst() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_5, MAIN);
        wire.send(publish(TOPIC, 1, 51, VALID));
        wire.send(publish(TOPIC, 1, 52, IN_FUTURE));
        // The rejected message is quarantined at once, but its PUBACK waits for the first one's.
        assertThat(wire.received()).isEmpty();
        harness.writeBatch();
        assertThat(wire.received()).extracting(MqttWire::packetIdOf).containsExactly(51, 52);
    }

    @Test
    void pausesReadingAboveTheHighWatermarkAndResumesOnceDrained() throws Exception {
        MqttHarness small = new MqttHarness(false, 2);
        MqttWire wire = small.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        wire.send(publish(TOPIC, 1, 1, "[{\"ts\":1767225600000,\"powerKw\":1},{\"ts\":1767225600001,\"powerKw\":2},"
                + "{\"ts\":1767225600002,\"powerKw\":3}]"));
        assertThat(wire.server.config().isAutoRead()).isFalse();
        assertThat(small.meters.get(IngestMetrics.PAUSED_CHANNELS).gauge().value()).isEqualTo(1);
        // Silence while paused is not a keepalive failure.
        wire.server.pipeline().fireUserEventTriggered(
                io.netty.handler.timeout.IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(wire.isOpen()).isTrue();

        small.writeBatch();
        assertThat(wire.received()).hasSize(1);
        assertThat(wire.server.config().isAutoRead()).isTrue();
        assertThat(small.meters.get(IngestMetrics.PAUSED_CHANNELS).gauge().value()).isZero();
    }

    static MqttMessage pubrel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    static {
        // Keeps the fixture honest: the registry assigns both meters to the gateway.
        assertThat(TestRegistry.registry().gateway(GATEWAY).orElseThrow().meters()).containsExactly(WATER, GAS);
    }
}
