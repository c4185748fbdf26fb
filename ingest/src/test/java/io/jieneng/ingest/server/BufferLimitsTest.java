package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a socket can make the server hold (issue 12, item 7): at most {@link PreConnackLimit#MAX_BYTES} before its
 * CONNACK, and no more replies once it stops reading them. The same over real sockets: {@code BufferLimitsSocketTest}.
 */
class BufferLimitsTest {

    final MqttHarness harness = new MqttHarness();

    /** The fixed header of a CONNECT announcing {@code remaining} bytes (a four-byte Remaining Length). */
    static byte[] hugeConnectHeader(int remaining) {
        return new byte[]{0x10, (byte) (0x80 | remaining & 0x7f), (byte) (0x80 | remaining >> 7 & 0x7f),
                (byte) (0x80 | remaining >> 14 & 0x7f), (byte) (remaining >> 21)};
    }

    @Test
    void aSocketIsCutOffOnceItSendsMoreThanTheCapBeforeConnack() {
        MqttWire wire = harness.connect();
        // A CONNECT the framer would wait for in full (it is under the maximum packet size) ...
        wire.sendRaw(hugeConnectHeader(190 * 1024));
        byte[] filler = new byte[1024];
        int sent = 5;
        while (sent + filler.length <= PreConnackLimit.MAX_BYTES) {
            wire.sendRaw(filler);
            sent += filler.length;
            assertThat(wire.isOpen()).as("open after %d bytes", sent).isTrue();
        }
        // ... but one byte over the cap ends it.
        wire.sendRaw(new byte[PreConnackLimit.MAX_BYTES - sent + 1]);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.DISCONNECTS, "reason", "packet_too_large")).isEqualTo(1);
    }

    @Test
    void theCapEndsAtConnackSoPublishesMayBeLarge() throws Exception {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        assertThat(wire.server.pipeline().get(HandlerNames.PRE_CONNACK_LIMIT)).isNull();
        char[] pad = new char[20_000];
        Arrays.fill(pad, ' ');
        wire.send(MqttWire.publish(PublishTest.TOPIC, 1, 1, PublishTest.VALID + new String(pad)));
        harness.writeBatch();
        assertThat(MqttWire.typeOf(wire.receiveOne())).isEqualTo(MqttMessageType.PUBACK);
    }

    @Test
    void aClientThatDoesNotReadGetsNoMoreRepliesAndIsClosedAfterTheStall() {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        // Replies the client has not taken: more than the 64 KiB high watermark waits in the outbound buffer.
        wire.server.write(Unpooled.wrappedBuffer(new byte[70 * 1024]));
        assertThat(wire.server.isWritable()).isFalse();
        for (int i = 0; i < 100; i++) {
            wire.server.writeInbound(Unpooled.wrappedBuffer(new byte[]{(byte) 0xC0, 0x00}));
        }
        wire.server.runPendingTasks();
        assertThat(wire.server.outboundMessages()).isEmpty();
        assertThat(wire.server.config().isAutoRead()).isFalse();
        wire.advance(9);
        assertThat(wire.isOpen()).isTrue();
        wire.advance(2);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.WRITE_STALLED)).isEqualTo(1);
    }

    @Test
    void aClientThatCatchesUpIsReadAgain() {
        MqttWire wire = harness.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        wire.server.write(Unpooled.wrappedBuffer(new byte[70 * 1024]));
        assertThat(wire.server.config().isAutoRead()).isFalse();
        wire.server.flush();
        wire.server.releaseOutbound();
        assertThat(wire.server.isWritable()).isTrue();
        assertThat(wire.server.config().isAutoRead()).isTrue();
        wire.advance(30);
        assertThat(wire.isOpen()).isTrue();
        wire.send(MqttMessage.PINGREQ);
        assertThat(MqttWire.typeOf(wire.receiveOne())).isEqualTo(MqttMessageType.PINGRESP);
    }
}
