package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection handler on an {@link EmbeddedChannel}, with the server's packets written in by hand. */
class LoadConnectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MeterLogin LOGIN = new MeterLogin("bench-e-000001", "bench-e-000001",
            "bench-secret-000001".getBytes(StandardCharsets.UTF_8));

    private final LoadStats stats = new LoadStats();
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final AtomicInteger settled = new AtomicInteger();
    private final List<ByteBuf> toRelease = new ArrayList<>();
    private EmbeddedChannel server;
    private EmbeddedChannel channel;

    @AfterEach
    void release() {
        toRelease.forEach(ReferenceCountUtil::release);
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private LoopDriver connect(String... args) {
        LoadGenOptions options = LoadGenCommand.parse(args);
        LoopDriver driver = new LoopDriver(loop.eventLoop(),
                new ReadingPayload(options.payloadBytes(), options.readingsPerMessage()), stats);
        channel = new EmbeddedChannel(new LoadConnection(0, LOGIN, driver, options, stats, settled::incrementAndGet));
        MqttConnectMessage connect = channel.readOutbound();
        // A decoder standing for the server, primed with this CONNECT so that it knows the protocol version.
        server = new EmbeddedChannel(new MqttDecoder(1 << 20));
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(connect);
        server.writeInbound((ByteBuf) encoder.readOutbound());
        MqttConnectMessage decoded = server.readInbound();
        assertThat(decoded.payload().clientIdentifier()).isEqualTo("bench-e-000001");
        assertThat(decoded.payload().userName()).isEqualTo("bench-e-000001");
        assertThat(decoded.payload().passwordInBytes()).isEqualTo(LOGIN.password());
        assertThat(decoded.variableHeader().isCleanSession()).isTrue();
        assertThat(decoded.variableHeader().keepAliveTimeSeconds()).isEqualTo(options.keepAliveSeconds());
        assertThat(decoded.variableHeader().version()).isEqualTo(options.mqttVersion() == 5 ? 5 : 4);
        return driver;
    }

    private void connAck(MqttConnectReturnCode code, MqttProperties properties) {
        channel.writeInbound(new MqttConnAckMessage(
                new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, false, properties)));
    }

    private void reply(MqttMessageType type, int packetId, int reason) {
        channel.writeInbound(new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reason, MqttProperties.NO_PROPERTIES)));
    }

    /** The PUBLISH packets written so far, as the server decodes them. */
    private List<MqttPublishMessage> published() {
        List<MqttPublishMessage> out = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            assertThat(o).isInstanceOf(ByteBuf.class);
            server.writeInbound(o);
            MqttPublishMessage m = server.readInbound();
            assertThat(m.decoderResult().isSuccess()).isTrue();
            toRelease.add(m.payload());
            out.add(m);
        }
        return out;
    }

    @Test
    void publishesUpToTheServersReceiveMaximumAndOneMoreForEverySuccessfulPuback() throws Exception {
        LoopDriver driver = connect("--qos", "1", "--max-in-flight", "10", "--readings-per-message", "2",
                "--payload-bytes", "100");
        driver.start(0);
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), 3));
        connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, props);

        List<MqttPublishMessage> first = published();
        assertThat(first).hasSize(3);
        assertThat(first).extracting(m -> m.variableHeader().packetId()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(first).allSatisfy(m -> {
            assertThat(m.variableHeader().topicName()).isEqualTo("meters/bench-e-000001/readings");
            assertThat(m.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        });
        JsonNode readings = JSON.readTree(first.get(0).payload().toString(StandardCharsets.UTF_8));
        assertThat(readings.isArray()).isTrue();
        assertThat(readings.size()).isEqualTo(2);
        assertThat(stats.established.get()).isEqualTo(1);
        assertThat(settled.get()).isEqualTo(1);

        reply(MqttMessageType.PUBACK, 2, 0x00);
        assertThat(stats.completed.sum()).isEqualTo(1);
        assertThat(stats.completedReadings.sum()).isEqualTo(2);
        assertThat(stats.latencyMicros.getIntervalHistogram().getTotalCount()).isEqualTo(1);
        List<MqttPublishMessage> next = published();
        assertThat(next).extracting(m -> m.variableHeader().packetId()).containsExactly(2);

        reply(MqttMessageType.PUBACK, 1, 0x99);
        assertThat(stats.completed.sum()).isEqualTo(1);
        assertThat(stats.errors.snapshot()).containsEntry("puback_0x99", 1L);
        assertThat(published()).hasSize(1);

        reply(MqttMessageType.PUBACK, 9, 0x00);
        assertThat(stats.errors.snapshot()).containsEntry("unexpected_puback", 1L);
        assertThat(stats.outstanding.sum()).isEqualTo(3);

        channel.close();
        assertThat(stats.errors.snapshot()).containsEntry("disconnected", 1L)
                .containsEntry("unacknowledged_at_close", 3L);
        assertThat(stats.outstanding.sum()).isZero();
        assertThat(stats.open.get()).isZero();
    }

    @Test
    void aRefusedConnectIsCountedByReasonCodeAndClosed() {
        connect("--qos", "1");
        connAck(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD, MqttProperties.NO_PROPERTIES);
        assertThat(stats.errors.snapshot()).containsExactlyEntriesOf(java.util.Map.of("connect_refused_0x86", 1L));
        assertThat(channel.isOpen()).isFalse();
        assertThat(settled.get()).isEqualTo(1);
        assertThat(stats.established.get()).isZero();
    }

    @Test
    void qos2SendsPubrelAfterPubrecAndCompletesOnPubcomp() {
        LoopDriver driver = connect("--qos", "2", "--max-in-flight", "1", "--mqtt-version", "3");
        driver.start(0);
        connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, MqttProperties.NO_PROPERTIES);
        List<MqttPublishMessage> sent = published();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);

        channel.writeInbound(new MqttMessage(
                new MqttFixedHeader(MqttMessageType.PUBREC, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(1)));
        MqttMessage pubRel = channel.readOutbound();
        assertThat(pubRel.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
        assertThat(((MqttMessageIdVariableHeader) pubRel.variableHeader()).messageId()).isEqualTo(1);
        assertThat(stats.completed.sum()).isZero();

        channel.writeInbound(new MqttMessage(
                new MqttFixedHeader(MqttMessageType.PUBCOMP, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(1)));
        assertThat(stats.completed.sum()).isEqualTo(1);
        assertThat(published()).hasSize(1);
        assertThat(stats.errors.total()).isZero();
    }

    @Test
    void pacedConnectionsSendOnlyWhatThePacerAllowsAndNothingAfterStop() {
        LoopDriver driver = connect("--qos", "0");
        connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, MqttProperties.NO_PROPERTIES);
        assertThat(published()).as("nothing before the load starts").isEmpty();
        driver.stop();
        loop.runScheduledPendingTasks();
        assertThat(published()).isEmpty();
    }

    @Test
    void aMissingConnackTimesOutAndAnIdleConnectionPings() {
        connect("--qos", "1", "--ack-timeout", "2", "--keepalive", "10");
        LoadConnection c = channel.pipeline().get(LoadConnection.class);
        c.sweep(System.nanoTime() + 3_000_000_000L);
        assertThat(stats.errors.snapshot()).containsEntry("connack_timeout", 1L);
        assertThat(channel.isOpen()).isFalse();
        assertThat(settled.get()).isEqualTo(1);

        channel.finishAndReleaseAll();
        connect("--qos", "1", "--keepalive", "10");
        connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, MqttProperties.NO_PROPERTIES);
        c = channel.pipeline().get(LoadConnection.class);
        c.sweep(System.nanoTime() + 5_000_000_000L);
        assertThat((Object) channel.readOutbound()).isNull();
        c.sweep(System.nanoTime() + 10_000_000_000L);
        MqttMessage ping = channel.readOutbound();
        assertThat(ping.fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGREQ);
    }

    @Test
    void anMqtt5PubackBelow0x80IsASuccess() {
        LoopDriver driver = connect("--qos", "1", "--max-in-flight", "1");
        driver.start(0);
        connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, MqttProperties.NO_PROPERTIES);
        assertThat(published()).hasSize(1);
        // Mosquitto answers 0x10 (no matching subscribers) when nobody subscribed: the message was accepted.
        reply(MqttMessageType.PUBACK, 1, 0x10);
        assertThat(stats.completed.sum()).isEqualTo(1);
        assertThat(stats.errors.total()).isZero();
        assertThat(MqttVersion.MQTT_5.protocolLevel()).isEqualTo((byte) 5);
    }
}
