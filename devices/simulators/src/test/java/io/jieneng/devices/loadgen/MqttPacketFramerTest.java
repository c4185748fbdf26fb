package io.jieneng.devices.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttPacketFramerTest {

    /** A CONNACK and two MQTT 5 PUBACKs with reason strings, as one byte stream from a server. */
    private static byte[] stream() {
        EmbeddedChannel server = new EmbeddedChannel(MqttEncoder.INSTANCE);
        // The encoder learns the version from a CONNECT passing through it.
        server.writeOutbound(MqttMessageBuilders.connect().clientId("c").protocolVersion(MqttVersion.MQTT_5).build());
        ReferenceCountUtil.release(server.readOutbound());
        server.writeOutbound(MqttMessageBuilders.connAck().returnCode(
                io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_ACCEPTED).build());
        for (int id = 1; id <= 2; id++) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
                    "ts_in_future: $[0].ts is 2031-01-01T00:00:00Z"));
            server.writeOutbound(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false,
                    MqttQoS.AT_MOST_ONCE, false, 0), new MqttPubReplyMessageVariableHeader(id, (byte) 0x99, props)));
        }
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = server.readOutbound()) != null; ) {
            all.writeBytes((ByteBuf) o);
            ((ByteBuf) o).release();
        }
        return ByteBufUtil.getBytes(all);
    }

    @Test
    void packetsSplitAtAnyByteReachTheDecoderWhole() {
        byte[] bytes = stream();
        for (int split = 1; split < bytes.length; split++) {
            // The load generator's pipeline; the CONNECT through the encoder tells the decoder the version.
            EmbeddedChannel client = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttPacketFramer(65_536),
                    new MqttDecoder(65_536));
            client.writeOutbound(MqttMessageBuilders.connect().clientId("c").protocolVersion(MqttVersion.MQTT_5)
                    .build());
            client.releaseOutbound();
            client.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            client.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            List<MqttMessage> read = new ArrayList<>();
            for (Object o; (o = client.readInbound()) != null; ) {
                read.add((MqttMessage) o);
            }
            assertThat(read).as("split at %d", split).hasSize(3)
                    .allSatisfy(m -> assertThat(m.decoderResult().isSuccess()).as("%s", m.decoderResult()).isTrue());
            assertThat(read.get(2).variableHeader()).isInstanceOfSatisfying(MqttPubReplyMessageVariableHeader.class,
                    h -> assertThat(h.messageId()).isEqualTo(2));
            client.finishAndReleaseAll();
        }
    }

    @Test
    void anOversizedOrCorruptLengthIsRefused() {
        EmbeddedChannel tooLong = new EmbeddedChannel(new MqttPacketFramer(100));
        assertThatThrownBy(() -> tooLong.writeInbound(Unpooled.wrappedBuffer(new byte[]{0x30, (byte) 0x80, 0x01})))
                .isInstanceOf(DecoderException.class).hasMessageContaining("128 bytes, above 100");
        EmbeddedChannel corrupt = new EmbeddedChannel(new MqttPacketFramer(100));
        assertThatThrownBy(() -> corrupt.writeInbound(Unpooled.wrappedBuffer(
                new byte[]{0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01})))
                .isInstanceOf(DecoderException.class).hasMessageContaining("longer than 4 bytes");
    }
}
