package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.testing.TestRegistry;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.jieneng.ingest.server.MqttWire.connectBuilder;
import static io.jieneng.ingest.server.MqttWire.disconnectReason;
import static io.jieneng.ingest.server.MqttWire.packetIdOf;
import static io.jieneng.ingest.server.MqttWire.props;
import static io.jieneng.ingest.server.MqttWire.publish;
import static io.jieneng.ingest.server.MqttWire.pubrel;
import static io.jieneng.ingest.server.MqttWire.reasonOf;
import static io.jieneng.ingest.server.MqttWire.typeOf;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** Persistent sessions, session takeover and the QoS 2 flow across connections, through the real pipeline. */
class SessionTest {

    static final String TOPIC = PublishTest.TOPIC;
    static final String VALID = PublishTest.VALID;

    final MqttHarness harness = new MqttHarness(MqttHarness.Options.defaults()
            .mqtt(new MqttSettings(10, 4, Duration.ofHours(1), 100)));

    /** Connects {@code device} with {@code clientId}; returns the wire and checks the CONNACK's session flag. */
    MqttWire connect(MqttVersion version, String device, String clientId, boolean clean, Long expiry,
                     boolean expectPresent) {
        MqttWire wire = harness.connect();
        MqttMessageBuilders.ConnectBuilder b = connectBuilder(version, clientId, device, secret(device), clean);
        if (expiry != null) {
            b.properties(props(MqttPropertyType.SESSION_EXPIRY_INTERVAL, expiry.intValue()));
        }
        wire.send(b.build());
        MqttConnAckMessage ack = (MqttConnAckMessage) wire.receiveOne();
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isZero();
        assertThat(ack.variableHeader().isSessionPresent()).isEqualTo(expectPresent);
        return wire;
    }

    MqttWire persistent(MqttVersion version, boolean expectPresent) {
        return version == MqttVersion.MQTT_5 ? connect(version, MAIN, "c1", false, 600L, expectPresent)
                : connect(version, MAIN, "c1", false, null, expectPresent);
    }

    static MqttMessage dup(MqttMessage publish) {
        var p = (io.netty.handler.codec.mqtt.MqttPublishMessage) publish;
        return new io.netty.handler.codec.mqtt.MqttPublishMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(
                MqttMessageType.PUBLISH, true, p.fixedHeader().qosLevel(), false, 0), p.variableHeader(),
                p.payload());
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void aQos2FlowInterruptedAfterPubrecCompletesOnTheNextConnection(MqttVersion version) throws Exception {
        MqttWire first = persistent(version, false);
        first.send(publish(TOPIC, 2, 77, VALID));
        harness.writeBatch();
        assertThat(typeOf(first.receiveOne())).isEqualTo(MqttMessageType.PUBREC);
        first.server.close();

        MqttWire second = persistent(version, true);
        // The device never saw the PUBREC: it resends the PUBLISH with DUP. It is answered, not stored again.
        second.send(dup(publish(TOPIC, 2, 77, VALID)));
        MqttMessage rec = second.receiveOne();
        assertThat(typeOf(rec)).isEqualTo(MqttMessageType.PUBREC);
        assertThat(packetIdOf(rec)).isEqualTo(77);
        harness.writeBatch();
        assertThat(harness.sink.all()).hasSize(1);
        assertThat(harness.counter(IngestMetrics.MESSAGES, "qos", "2")).isEqualTo(1);

        second.send(pubrel(77));
        MqttMessage comp = second.receiveOne();
        assertThat(typeOf(comp)).isEqualTo(MqttMessageType.PUBCOMP);
        assertThat(reasonOf(comp)).isZero();
    }

    @Test
    void aPubrelAfterAReconnectIsAnsweredPubcompSuccess() throws Exception {
        MqttWire first = persistent(MqttVersion.MQTT_5, false);
        first.send(publish(TOPIC, 2, 5, VALID));
        harness.writeBatch();
        first.receiveOne();
        first.server.close();

        MqttWire second = persistent(MqttVersion.MQTT_5, true);
        second.send(pubrel(5));
        assertThat(reasonOf(second.receiveOne())).isZero();
        // The flow is over: the id is free, a second PUBREL is unknown.
        second.send(pubrel(5));
        assertThat(reasonOf(second.receiveOne())).isEqualTo(0x92);
    }

    @Test
    void aPubrecThatWasStillBeingWrittenWhenTheConnectionDroppedIsKeptInTheSession() throws Exception {
        MqttWire first = persistent(MqttVersion.MQTT_5, false);
        first.send(publish(TOPIC, 2, 6, VALID));
        first.server.close();
        // The store finishes after the device is gone: the session still learns that id 6 is durable.
        harness.writeBatch();
        first.server.runPendingTasks();

        MqttWire second = persistent(MqttVersion.MQTT_5, true);
        second.send(dup(publish(TOPIC, 2, 6, VALID)));
        assertThat(typeOf(second.receiveOne())).isEqualTo(MqttMessageType.PUBREC);
        harness.writeBatch();
        assertThat(harness.sink.all()).hasSize(1);
    }

    @Test
    void aCleanSessionForgetsPendingReleases() throws Exception {
        MqttWire first = persistent(MqttVersion.MQTT_5, false);
        first.send(publish(TOPIC, 2, 8, VALID));
        harness.writeBatch();
        first.receiveOne();
        first.server.close();

        MqttWire clean = connect(MqttVersion.MQTT_5, MAIN, "c1", true, 600L, false);
        clean.send(pubrel(8));
        assertThat(reasonOf(clean.receiveOne())).isEqualTo(0x92);
    }

    @Test
    void mqtt5WithoutSessionExpiryEndsTheSessionWithTheConnection() {
        MqttWire first = connect(MqttVersion.MQTT_5, MAIN, "c1", false, null, false);
        first.server.close();
        connect(MqttVersion.MQTT_5, MAIN, "c1", false, null, false);
    }

    @Test
    void theSessionExpiryIsCappedAndTheCapIsToldInTheConnack() {
        MqttWire wire = harness.connect();
        wire.send(connectBuilder(MqttVersion.MQTT_5, "c1", MAIN, secret(MAIN), false)
                .properties(props(MqttPropertyType.SESSION_EXPIRY_INTERVAL, -1)).build());
        MqttConnAckMessage ack = (MqttConnAckMessage) wire.receiveOne();
        assertThat(ack.variableHeader().properties().getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value())
                .value()).isEqualTo(3600);
        wire.server.close();

        harness.advance(Duration.ofSeconds(3599));
        connect(MqttVersion.MQTT_5, MAIN, "c1", false, 600L, true).server.close();
        harness.advance(Duration.ofSeconds(600));
        connect(MqttVersion.MQTT_5, MAIN, "c1", false, 600L, false);
    }

    @Test
    void mqtt311PersistentSessionsExpireAfterTheMaximum() {
        persistent(MqttVersion.MQTT_3_1_1, false).server.close();
        harness.advance(Duration.ofSeconds(3599));
        persistent(MqttVersion.MQTT_3_1_1, true).server.close();
        harness.advance(Duration.ofSeconds(3600));
        persistent(MqttVersion.MQTT_3_1_1, false);
    }

    @Test
    void aNewConnectionWithTheSameClientIdTakesTheSessionOver() {
        MqttWire first = persistent(MqttVersion.MQTT_5, false);
        MqttWire second = persistent(MqttVersion.MQTT_5, true);
        assertThat(disconnectReason(first.receiveOne())).isEqualTo(0x8E);
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(harness.counter(IngestMetrics.DISCONNECTS, "reason", "session_taken_over")).isEqualTo(1);
        assertThat(harness.gauge(IngestMetrics.SESSIONS, "state", "connected")).isEqualTo(1);
    }

    @Test
    void mqtt311TakeoverClosesTheOldConnection() {
        MqttWire first = persistent(MqttVersion.MQTT_3_1_1, false);
        persistent(MqttVersion.MQTT_3_1_1, true);
        assertThat(first.received()).isEmpty();
        assertThat(first.isOpen()).isFalse();
    }

    @Test
    void anotherDeviceUsingTheSameClientIdNeitherKicksNorSeesTheSession() throws Exception {
        MqttWire meter = persistent(MqttVersion.MQTT_5, false);
        meter.send(publish(TOPIC, 2, 9, VALID));
        harness.writeBatch();
        meter.receiveOne();

        MqttWire other = connect(MqttVersion.MQTT_5, TestRegistry.HVAC, "c1", false, 600L, false);
        assertThat(meter.isOpen()).isTrue();
        assertThat(meter.received()).isEmpty();
        // Its packet id 9 is its own: the meter's pending release is not visible to it.
        other.send(pubrel(9));
        assertThat(reasonOf(other.receiveOne())).isEqualTo(0x92);
        meter.send(pubrel(9));
        assertThat(reasonOf(meter.receiveOne())).isZero();
    }

    @Test
    void twoConnectionsWithoutClientIdDoNotTakeEachOtherOver() {
        MqttWire a = harness.connect();
        a.send(connectBuilder(MqttVersion.MQTT_3_1_1, "", MAIN, secret(MAIN), true).build());
        a.receiveOne();
        MqttWire b = harness.connect();
        b.send(connectBuilder(MqttVersion.MQTT_5, "", MAIN, secret(MAIN), true).build());
        MqttConnAckMessage ack = (MqttConnAckMessage) b.receiveOne();
        assertThat((String) ack.variableHeader().properties()
                .getProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value()).value()).startsWith("jieneng-");
        assertThat(a.isOpen()).isTrue();
        assertThat(b.isOpen()).isTrue();
    }

    @Test
    void disconnectMayShortenTheSessionExpiry() {
        MqttWire first = persistent(MqttVersion.MQTT_5, false);
        first.send(MqttMessageBuilders.disconnect()
                .properties(props(MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0)).build());
        assertThat(first.isOpen()).isFalse();
        persistent(MqttVersion.MQTT_5, false);
    }

    @Test
    void disconnectMayNotExtendASessionThatEndsWithItsConnection() {
        MqttWire wire = connect(MqttVersion.MQTT_5, MAIN, "c1", false, null, false);
        wire.send(MqttMessageBuilders.disconnect()
                .properties(props(MqttPropertyType.SESSION_EXPIRY_INTERVAL, 60)).build());
        assertThat(disconnectReason(wire.receiveOne())).isEqualTo(0x82);
        assertThat(wire.isOpen()).isFalse();
        connect(MqttVersion.MQTT_5, MAIN, "c1", false, null, false);
    }

    @Test
    void aWillIsAcceptedAndNeverPublished() throws Exception {
        MqttWire wire = harness.connect();
        wire.send(connectBuilder(MqttVersion.MQTT_3_1_1, "w", MAIN, secret(MAIN), true).willFlag(true)
                .willQoS(MqttQoS.AT_LEAST_ONCE).willTopic(TOPIC).willMessage(VALID).willRetain(true).build());
        assertThat(((MqttConnAckMessage) wire.receiveOne()).variableHeader().connectReturnCode().byteValue())
                .isZero();
        wire.server.close();
        MqttWire five = harness.connect();
        MqttProperties willProps = props(MqttPropertyType.WILL_DELAY_INTERVAL, 0);
        five.send(connectBuilder(MqttVersion.MQTT_5, "w5", MAIN, secret(MAIN), true).willFlag(true)
                .willQoS(MqttQoS.EXACTLY_ONCE).willTopic(TOPIC).willProperties(willProps)
                .willMessage(VALID.getBytes(StandardCharsets.UTF_8)).build());
        five.receiveOne();
        five.server.close();
        harness.writeBatch();
        assertThat(harness.sink.all()).isEmpty();
    }
}
