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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PublishFrameTest {

    @Property(tries = 60)
    void nettysDecoderReadsTheFrameAsThePublishItIs(@ForAll @IntRange(min = 0, max = 2) int qos,
                                                    @ForAll boolean mqtt5,
                                                    @ForAll @IntRange(min = 0, max = 70_000) int payloadBytes,
                                                    @ForAll @IntRange(min = 1, max = 65_535) int packetId) {
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
