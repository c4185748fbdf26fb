package io.jieneng.ingest.it;

import io.jieneng.ingest.IngestMetrics;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jieneng.ingest.it.LiveIngest.T0;
import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The QoS 2 flow and its duplicates across a reconnect with a persistent session, and session takeover, over real
 * sockets into an embedded QuestDB. A raw client does what libraries hide: it drops the connection right after a
 * PUBREC and resends the PUBLISH with DUP on the next one.
 */
class SessionIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static LiveIngest ingest;

    @BeforeAll
    static void start() throws Exception {
        ingest = LiveIngest.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    static MqttMessage connect(MqttVersion version, String device, String clientId) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(version)
                .clientId(clientId).cleanSession(false).keepAlive(60).hasUser(true).username(device)
                .hasPassword(true).password(secret(device).getBytes(StandardCharsets.UTF_8));
        if (version == MqttVersion.MQTT_5) {
            MqttProperties p = new MqttProperties();
            p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(),
                    600));
            b.properties(p);
        }
        return b.build();
    }

    static MqttMessage publish(String meter, int packetId, boolean dup, String json) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.EXACTLY_ONCE,
                false, 0), new MqttPublishVariableHeader("meters/" + meter + "/readings", packetId),
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    static MqttMessage pubrel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    static RawMqttClient connected(MqttVersion version, String device, String clientId, boolean expectPresent)
            throws Exception {
        RawMqttClient c = new RawMqttClient(ingest.server.port());
        c.send(connect(version, device, clientId));
        MqttConnAckMessage ack = (MqttConnAckMessage) c.read(WAIT);
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isZero();
        assertThat(ack.variableHeader().isSessionPresent()).isEqualTo(expectPresent);
        return c;
    }

    static int reason(MqttMessage m) {
        return ((MqttPubReplyMessageVariableHeader) m.variableHeader()).reasonCode() & 0xff;
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void aQos2MessageIsStoredOnceAcrossAReconnectAndItsFlowCompletes(MqttVersion version) throws Exception {
        String clientId = "qos2-" + version;
        long ts = T0 + (version == MqttVersion.MQTT_5 ? 5 : 3) * 60_000L;
        double before = ingest.counter(IngestMetrics.MESSAGES, "qos", "2");
        RawMqttClient first = connected(version, MAIN, clientId, false);
        first.send(publish(MAIN, 42, false, "{\"ts\":" + ts + ",\"energyKwh\":1.5}"));
        MqttMessage rec = first.read(WAIT);
        assertThat(rec.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        // PUBREC means durable (QuestDB's WAL makes it visible to queries a moment later).
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingest.stored(MAIN)).filteredOn(r -> r.tsMillis() == ts)
                .hasSize(1));
        first.close();

        RawMqttClient second = connected(version, MAIN, clientId, true);
        // The resend carries a different value: stored again, it would replace the row.
        second.send(publish(MAIN, 42, true, "{\"ts\":" + ts + ",\"energyKwh\":999}"));
        MqttMessage again = second.read(WAIT);
        assertThat(again.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(((MqttMessageIdVariableHeader) again.variableHeader()).messageId()).isEqualTo(42);
        second.send(pubrel(42));
        MqttMessage comp = second.read(WAIT);
        assertThat(comp.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBCOMP);
        assertThat(reason(comp)).isZero();
        second.close();

        // A stored resend would be written (and counted) like any message: give it the time a write takes.
        await().during(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> assertThat(ingest.stored(MAIN))
                .filteredOn(r -> r.tsMillis() == ts)
                .containsExactly(new StoredReading(MAIN, ts, Map.of("energyKwh", 1.5))));
        assertThat(ingest.counter(IngestMetrics.MESSAGES, "qos", "2") - before).isEqualTo(1);
    }

    @Test
    void aPubrelAfterAReconnectIsCompletedWithSuccess() throws Exception {
        long ts = T0 + 7 * 60_000L;
        RawMqttClient first = connected(MqttVersion.MQTT_5, MAIN, "pubrel-late", false);
        first.send(publish(MAIN, 7, false, "{\"ts\":" + ts + ",\"energyKwh\":2}"));
        assertThat(first.read(WAIT).fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        first.close();
        RawMqttClient second = connected(MqttVersion.MQTT_5, MAIN, "pubrel-late", true);
        second.send(pubrel(7));
        assertThat(reason(second.read(WAIT))).isZero();
        second.close();
    }

    @Test
    void aNewConnectionTakesTheSessionOverAndTheOldOneIsToldWhy() throws Exception {
        RawMqttClient first = connected(MqttVersion.MQTT_5, MAIN, "taken", false);
        RawMqttClient second = connected(MqttVersion.MQTT_5, MAIN, "taken", true);
        List<MqttMessage> last = first.untilClosed(WAIT);
        assertThat(last).hasSize(1);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) last.get(0).variableHeader()).reasonCode())
                .isEqualTo((byte) 0x8E);
        // The new connection works.
        second.send(MqttMessage.PINGREQ);
        assertThat(second.read(WAIT).fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
        second.close();
    }

    @Test
    void anotherDeviceWithTheSameClientIdDisconnectsNobody() throws Exception {
        RawMqttClient meter = connected(MqttVersion.MQTT_5, MAIN, "shared-id", false);
        RawMqttClient other = connected(MqttVersion.MQTT_5, HVAC, "shared-id", false);
        meter.send(MqttMessage.PINGREQ);
        assertThat(meter.read(WAIT).fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
        other.send(MqttMessage.PINGREQ);
        assertThat(other.read(WAIT).fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
        meter.close();
        other.close();
    }

    @Test
    void pahoWithAPersistentSessionCompletesQos2AcrossAReconnect() throws Exception {
        long ts = T0 + 9 * 60_000L;
        String id = "paho-persistent";
        var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setCleanSession(false);
        options.setUserName(MAIN);
        options.setPassword(secret(MAIN).toCharArray());
        var persistence = new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence();
        var client = new org.eclipse.paho.client.mqttv3.MqttClient(ingest.plainUri(), id, persistence);
        client.connect(options);
        client.publish("meters/" + MAIN + "/readings", ("{\"ts\":" + ts + ",\"energyKwh\":3}")
                .getBytes(StandardCharsets.UTF_8), 2, false);
        client.disconnect();
        client.connect(options);
        assertThat(client.isConnected()).isTrue();
        client.disconnect();
        client.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingest.stored(MAIN)).filteredOn(r -> r.tsMillis() == ts)
                .containsExactly(new StoredReading(MAIN, ts, Map.of("energyKwh", 3.0))));
    }
}
