package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.testing.TestRegistry;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.jieneng.ingest.server.MqttWire.connect;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectTest {

    final MqttHarness harness = new MqttHarness();

    static int returnCode(MqttMessage m) {
        return ((MqttConnAckMessage) m).variableHeader().connectReturnCode().byteValue() & 0xff;
    }

    @ParameterizedTest(name = "MQTT {0}")
    @CsvSource({"MQTT_3_1_1", "MQTT_5"})
    void acceptsAMeterAndAGatewayWithTheirSecrets(MqttVersion version) {
        for (String device : List.of(MAIN, TestRegistry.GATEWAY)) {
            MqttWire wire = harness.connect();
            wire.send(connect(version, device, secret(device), 60));
            MqttConnAckMessage ack = (MqttConnAckMessage) wire.receiveOne();
            assertThat(returnCode(ack)).isZero();
            assertThat(ack.variableHeader().isSessionPresent()).isFalse();
            if (version == MqttVersion.MQTT_5) {
                assertThat(ack.variableHeader().properties()
                        .getProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value()).value())
                        .isEqualTo(harness.services.maxMessageBytes());
            }
            assertThat(wire.isOpen()).isTrue();
        }
    }

    @ParameterizedTest(name = "MQTT {0}, user {1}: {3}")
    @CsvSource({
            "MQTT_3_1_1, gov-e-main, wrong,        4,   bad_credentials",
            "MQTT_5,     gov-e-main, wrong,        134, bad_credentials",
            "MQTT_3_1_1, nobody,     anything,     4,   bad_credentials",
            "MQTT_5,     nobody,     anything,     134, bad_credentials",
            "MQTT_3_1_1, gw-1,       ,             4,   bad_credentials",
            "MQTT_3_1_1, ,           ,             5,   anonymous",
            "MQTT_5,     ,           ,             135, anonymous",
    })
    void refusesBadCredentialsAndAnonymousThenCloses(MqttVersion version, String user, String password,
                                                     int expectedCode, String reason) {
        MqttWire wire = harness.connect();
        wire.send(connect(version, user, password, 60));
        assertThat(returnCode(wire.receiveOne())).isEqualTo(expectedCode);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.CONNECT_REFUSED, "reason", reason)).isEqualTo(1);
    }

    @Test
    void acceptsAnonymousOnlyWhenAllowed() {
        MqttWire wire = new MqttHarness(true, 1000).connect();
        wire.send(connect(MqttVersion.MQTT_5, null, null, 60));
        assertThat(returnCode(wire.receiveOne())).isZero();
    }

    @Test
    void remembersAVerifiedSecretButNotAWrongOne() {
        harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        MqttWire wrong = harness.connect();
        wrong.send(connect(MqttVersion.MQTT_3_1_1, MAIN, "not-" + secret(MAIN), 60));
        assertThat(returnCode(wrong.receiveOne())).isEqualTo(4);
        harness.secrets.rotate(MAIN, "rotated");
        MqttWire old = harness.connect();
        old.send(connect(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN), 60));
        assertThat(returnCode(old.receiveOne())).isEqualTo(4);
        harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, "rotated");
    }

    @Test
    void refusesMqtt31() {
        MqttWire wire = harness.connect();
        wire.send(connect(MqttVersion.MQTT_3_1, MAIN, secret(MAIN), 60));
        assertThat(returnCode(wire.receiveOne())).isEqualTo(1);
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void closesAConnectionWhoseFirstPacketIsNotConnect() {
        MqttWire wire = harness.connect();
        wire.send(MqttMessage.PINGREQ);
        assertThat(wire.received()).isEmpty();
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void closesASocketThatNeverSendsConnect() {
        MqttWire wire = harness.connect();
        wire.advance(9);
        assertThat(wire.isOpen()).isTrue();
        wire.advance(2);
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void connectTimeoutNoLongerAppliesOnceConnected() {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        wire.advance(30);
        assertThat(wire.isOpen()).isTrue();
    }

    @Test
    void answersPings() {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        wire.send(MqttMessage.PINGREQ);
        assertThat(MqttWire.typeOf(wire.receiveOne())).isEqualTo(MqttMessageType.PINGRESP);
    }

    @Test
    void enforcesOneAndAHalfKeepalives() {
        MqttWire wire = harness.connect();
        wire.send(connect(MqttVersion.MQTT_5, MAIN, secret(MAIN), 10));
        assertThat(returnCode(wire.receiveOne())).isZero();
        // IdleStateHandler measures with System.nanoTime, which EmbeddedChannel cannot fake: check its setting and
        // act out the event it fires.
        IdleStateHandler idle = (IdleStateHandler) wire.server.pipeline().get(HandlerNames.KEEP_ALIVE_IDLE);
        assertThat(idle.getReaderIdleTimeInMillis()).isEqualTo(15_000);
        assertThat(wire.server.pipeline().get(HandlerNames.CONNECT_TIMEOUT)).isNull();
        wire.server.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        MqttMessage disconnect = wire.receiveOne();
        assertThat(MqttWire.typeOf(disconnect)).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x8D);
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void aZeroKeepaliveDisablesIt() {
        MqttWire wire = harness.connect();
        wire.send(connect(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN), 0));
        assertThat(returnCode(wire.receiveOne())).isZero();
        assertThat(wire.server.pipeline().get(HandlerNames.KEEP_ALIVE_IDLE)).isNull();
    }

    @Test
    void aSecondConnectIsAProtocolError() {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_5, MAIN, secret(MAIN));
        wire.send(connect(MqttVersion.MQTT_5, MAIN, secret(MAIN), 60));
        MqttMessage disconnect = wire.receiveOne();
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x82);
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void closesOnAMalformedPacket() {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        // A PUBLISH with QoS 3, which does not exist.
        wire.sendRaw(new byte[]{0x36, 0x02, 0x00, 0x00});
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void disconnectClosesTheSocket() {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        wire.send(MqttMessage.DISCONNECT);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.meters.get(IngestMetrics.CONNECTIONS).gauge().value()).isZero();
    }
}
