package io.jieneng.devices.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PublishFrameTest {

    /** 60 tries: each builds two Netty pipelines and a payload of up to 70 kB, compared byte for byte. */
    @Test
    void nettysDecoderReadsTheFrameAsThePublishItIs() {
        Property.check(60, r -> decodesAsThePublishItIs(Gen.intIn(r, 0, 2), r.nextBoolean(),
                Gen.intIn(r, 0, 70_000), Gen.intIn(r, 1, 65_535)));
    }

    /** Every QoS and version at the ends of the ranges, and where the remaining length grows a byte. */
    @ParameterizedTest
    @CsvSource({"0, false, 0, 1", "0, true, 0, 65535", "1, false, 70000, 65535", "2, true, 70000, 1",
            "1, true, 0, 1", "2, false, 0, 65535", "1, false, 93, 7", "1, false, 94, 7", "2, true, 16348, 300",
            "2, true, 16349, 300", "0, false, 16352, 2"})
    void nettysDecoderReadsTheFrameAsThePublishItIs_edges(int qos, boolean mqtt5, int payloadBytes, int packetId) {
        decodesAsThePublishItIs(qos, mqtt5, payloadBytes, packetId);
    }

    private static void decodesAsThePublishItIs(int qos, boolean mqtt5, int payloadBytes, int packetId) {
        String topic = "meters/bench-e-000042/readings";
        PublishFrame frame = new PublishFrame(topic, qos, mqtt5 ? 5 : 3, payloadBytes);
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        ByteBuf packet = Unpooled.buffer(frame.packetBytes());
        frame.writeHead(packet, packetId);
        packet.writeBytes(payload);
        assertThat(packet.readableBytes()).isEqualTo(frame.packetBytes());

        EmbeddedChannel server = new EmbeddedChannel(new MqttDecoder(1 << 20));
        // A decoder learns the protocol version from the CONNECT, as a server's does.
        EmbeddedChannel client = new EmbeddedChannel(MqttEncoder.INSTANCE);
        client.writeOutbound(MqttMessageBuilders.connect().clientId("c")
                .protocolVersion(mqtt5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1).build());
        server.writeInbound((ByteBuf) client.readOutbound());
        ReferenceCountUtil.release(server.readInbound());
        server.writeInbound(packet);
        MqttPublishMessage m = server.readInbound();
        try {
            assertThat(m.decoderResult().isSuccess()).as("%s", m.decoderResult()).isTrue();
            assertThat(m.fixedHeader().qosLevel()).isEqualTo(MqttQoS.valueOf(qos));
            assertThat(m.fixedHeader().isDup()).isFalse();
            assertThat(m.fixedHeader().isRetain()).isFalse();
            assertThat(m.variableHeader().topicName()).isEqualTo(topic);
            assertThat(m.variableHeader().packetId()).isEqualTo(qos == 0 ? -1 : packetId);
            if (mqtt5) {
                assertThat(m.variableHeader().properties().isEmpty()).isTrue();
            }
            assertThat(m.payload().toString(StandardCharsets.US_ASCII)).isEqualTo(new String(payload,
                    StandardCharsets.US_ASCII));
        } finally {
            m.release();
        }
        assertThat((Object) server.readInbound()).isNull();
    }

    @Test
    void remainingLengthIsTheVariableByteIntegerOfTheStandard() {
        assertThat(PublishFrame.remainingLength(0)).containsExactly(0x00);
        assertThat(PublishFrame.remainingLength(127)).containsExactly(0x7F);
        assertThat(PublishFrame.remainingLength(128)).containsExactly(0x80, 0x01);
        assertThat(PublishFrame.remainingLength(16_383)).containsExactly(0xFF, 0x7F);
        assertThat(PublishFrame.remainingLength(16_384)).containsExactly(0x80, 0x80, 0x01);
        assertThat(PublishFrame.remainingLength(268_435_455)).containsExactly(0xFF, 0xFF, 0xFF, 0x7F);
    }
}
