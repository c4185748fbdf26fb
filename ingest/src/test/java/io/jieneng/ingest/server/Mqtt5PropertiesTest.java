package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.jieneng.ingest.server.MqttWire.connectBuilder;
import static io.jieneng.ingest.server.MqttWire.disconnectReason;
import static io.jieneng.ingest.server.MqttWire.props;
import static io.jieneng.ingest.server.MqttWire.publish;
import static io.jieneng.ingest.server.MqttWire.pubrel;
import static io.jieneng.ingest.server.MqttWire.reasonOf;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 5 Receive Maximum, topic aliases and Maximum Packet Size through the real pipeline. */
class Mqtt5PropertiesTest {

    static final String TOPIC = PublishTest.TOPIC;
    static final String VALID = PublishTest.VALID;
    static final String IN_FUTURE = PublishTest.IN_FUTURE;

    final MqttHarness harness = new MqttHarness(MqttHarness.Options.defaults()
            .mqtt(new MqttSettings(3, 2, Duration.ofHours(1), 100)).limits(new Limits(0, 1, 0)));

    MqttWire device() {
        return harness.connect().connected(MqttVersion.MQTT_5, MAIN, secret(MAIN));
    }

    static String reasonString(MqttMessage ack) {
        var p = ((MqttPubReplyMessageVariableHeader) ack.variableHeader()).properties()
                .getProperty(MqttPropertyType.REASON_STRING.value());
        return p == null ? null : (String) p.value();
    }

    @Test
    void theConnackAdvertisesTheServersLimits() {
        MqttWire wire = harness.connect();
        wire.send(MqttWire.connect(MqttVersion.MQTT_5, MAIN, secret(MAIN), 60));
        MqttProperties p = ((MqttConnAckMessage) wire.receiveOne()).variableHeader().properties();
        assertThat(p.getProperty(MqttPropertyType.RECEIVE_MAXIMUM.value()).value()).isEqualTo(3);
        assertThat(p.getProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value()).value()).isEqualTo(2);
        assertThat(p.getProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value()).value())
                .isEqualTo(harness.services.maxMessageBytes());
        assertThat(p.getProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value()).value()).isEqualTo(0);
        // The client asked for no expiry and got none: nothing to tell.
        assertThat(p.getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value())).isNull();
    }

    @Test
    void aClientThatExceedsTheReceiveMaximumIsDisconnectedWith0x93() throws Exception {
        MqttWire wire = device();
        wire.send(publish(TOPIC, 1, 1, VALID));
        wire.send(publish(TOPIC, 2, 2, VALID));
        wire.send(publish(TOPIC, 1, 3, VALID));
        wire.send(publish(TOPIC, 0, 0, VALID));
        assertThat(wire.isOpen()).isTrue();
        wire.send(publish(TOPIC, 1, 4, VALID));
        assertThat(disconnectReason(wire.receiveOne())).isEqualTo(0x93);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.PROTOCOL_VIOLATIONS, "reason", "receive_maximum_exceeded"))
                .isEqualTo(1);
    }

    @Test
    void acknowledgementsAndPubcompFreeTheQuota() throws Exception {
        MqttWire wire = device();
        wire.send(publish(TOPIC, 1, 1, VALID));
        wire.send(publish(TOPIC, 2, 2, VALID));
        wire.send(publish(TOPIC, 1, 3, VALID));
        harness.writeBatch();
        assertThat(wire.received()).hasSize(3);
        // Two PUBACKs freed two slots; the QoS 2 message holds its slot until PUBREL.
        wire.send(publish(TOPIC, 1, 4, VALID));
        wire.send(publish(TOPIC, 1, 5, VALID));
        assertThat(wire.isOpen()).isTrue();
        wire.send(pubrel(2));
        wire.send(publish(TOPIC, 1, 6, VALID));
        assertThat(wire.isOpen()).isTrue();
        wire.send(publish(TOPIC, 1, 7, VALID));
        assertThat(wire.received()).extracting(MqttWire::typeOf).last()
                .isEqualTo(io.netty.handler.codec.mqtt.MqttMessageType.DISCONNECT);
    }

    @Test
    void mqtt311HasNoReceiveMaximum() throws Exception {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        for (int id = 1; id <= 20; id++) {
            wire.send(publish(TOPIC, 1, id, VALID));
        }
        harness.writeBatch();
        assertThat(wire.received()).hasSize(20);
    }

    @Test
    void aTopicAliasIsSetThenUsed() throws Exception {
        MqttWire wire = device();
        wire.send(publish(TOPIC, 1, 1, VALID, props(MqttPropertyType.TOPIC_ALIAS, 2)));
        wire.send(publish("", 1, 2, "{\"ts\": 1767225700000, \"energyKwh\": 10235}",
                props(MqttPropertyType.TOPIC_ALIAS, 2)));
        harness.writeBatch();
        assertThat(wire.received()).extracting(MqttWire::reasonOf).containsExactly(0, 0);
        assertThat(harness.sink.all()).hasSize(2).allSatisfy(r -> assertThat(r.meterId()).isEqualTo(MAIN));
    }

    @Test
    void aliasesBelongToTheConnection() {
        MqttWire first = device();
        first.send(publish(TOPIC, 0, 0, VALID, props(MqttPropertyType.TOPIC_ALIAS, 1)));
        MqttWire second = device();
        second.send(publish("", 0, 0, VALID, props(MqttPropertyType.TOPIC_ALIAS, 1)));
        assertThat(disconnectReason(second.receiveOne())).isEqualTo(0x82);
    }

    @Test
    void aliasZeroOrAboveTheMaximumIsDisconnectedWith0x94() {
        for (int alias : List.of(0, 3)) {
            MqttWire wire = device();
            wire.send(publish(TOPIC, 1, 1, VALID, props(MqttPropertyType.TOPIC_ALIAS, alias)));
            assertThat(disconnectReason(wire.receiveOne())).isEqualTo(0x94);
            assertThat(wire.isOpen()).isFalse();
        }
        assertThat(harness.counter(IngestMetrics.PROTOCOL_VIOLATIONS, "reason", "topic_alias_invalid"))
                .isEqualTo(2);
    }

    @Test
    void anUnknownAliasWithAnEmptyTopicIsAProtocolError() {
        MqttWire wire = device();
        wire.send(publish("", 1, 1, VALID, props(MqttPropertyType.TOPIC_ALIAS, 1)));
        assertThat(disconnectReason(wire.receiveOne())).isEqualTo(0x82);
    }

    @Test
    void anEmptyTopicWithoutAliasIsAProtocolErrorInBothVersions() {
        MqttWire five = device();
        five.send(publish("", 1, 1, VALID));
        assertThat(disconnectReason(five.receiveOne())).isEqualTo(0x82);
        MqttWire three = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        three.send(publish("", 1, 1, VALID));
        assertThat(three.received()).isEmpty();
        assertThat(three.isOpen()).isFalse();
    }

    @Test
    void reasonStringsAreLeftOutWhenTheClientsMaximumPacketSizeIsTooSmall() {
        for (int clientMax : List.of(20, 4096)) {
            MqttWire wire = harness.connect();
            wire.send(connectBuilder(MqttVersion.MQTT_5, "small-" + clientMax, MAIN, secret(MAIN), true)
                    .properties(props(MqttPropertyType.MAXIMUM_PACKET_SIZE, clientMax)).build());
            wire.receiveOne();
            wire.send(publish(TOPIC, 1, 1, IN_FUTURE));
            MqttMessage ack = wire.receiveOne();
            assertThat(reasonOf(ack)).isEqualTo(0x99);
            if (clientMax == 20) {
                assertThat(reasonString(ack)).isNull();
            } else {
                assertThat(reasonString(ack)).startsWith("ts_in_future");
            }
        }
    }

    @Test
    void aConnectWithReceiveMaximumZeroIsRefusedAsAProtocolError() {
        MqttWire wire = harness.connect();
        wire.send(connectBuilder(MqttVersion.MQTT_5, "rm0", MAIN, secret(MAIN), true)
                .properties(props(MqttPropertyType.RECEIVE_MAXIMUM, 0)).build());
        assertThat(ConnectTest.returnCode(wire.receiveOne())).isEqualTo(0x82);
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void enhancedAuthenticationIsNotOffered() {
        MqttWire wire = harness.connect();
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.StringProperty(MqttPropertyType.AUTHENTICATION_METHOD.value(), "SCRAM-SHA-1"));
        wire.send(connectBuilder(MqttVersion.MQTT_5, "auth", MAIN, secret(MAIN), true).properties(p).build());
        assertThat(ConnectTest.returnCode(wire.receiveOne())).isEqualTo(0x8C);
    }
}
