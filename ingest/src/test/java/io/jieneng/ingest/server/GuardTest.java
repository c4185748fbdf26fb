package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static io.jieneng.ingest.server.MqttWire.disconnectReason;
import static io.jieneng.ingest.server.RawPackets.bytes;
import static io.jieneng.ingest.server.RawPackets.packet;
import static io.jieneng.ingest.server.RawPackets.str;
import static io.jieneng.ingest.server.RawPackets.utf8;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** The guard, the packet-size guard and the exception handler: what breaks the protocol never reaches a handler. */
class GuardTest {

    static final byte[] TOPIC = utf8(PublishTest.TOPIC);
    static final byte[] INVALID_UTF8 = bytes(0x6d, 0xc3, 0x28, 0x6d);

    final MqttHarness harness = new MqttHarness();

    MqttWire connected5() {
        return harness.connect().connected(MqttVersion.MQTT_5, MAIN, secret(MAIN));
    }

    /** Sends {@code raw} after an MQTT 5 CONNECT and expects a DISCONNECT with {@code reason}, then the close. */
    void expectDisconnect(byte[] raw, int reason) {
        MqttWire wire = connected5();
        wire.sendRaw(raw);
        assertThat(disconnectReason(wire.receiveOne())).isEqualTo(reason);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.ERRORS)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "PUBLISH with QoS 3,                  36 02 00 00",
            "PUBREL with flags 0000,              60 02 00 01",
            "PINGREQ with a flag,                 c1 00",
            "PUBLISH QoS 1 with packet id 0,      32 0a 00 05 61 2f 62 2f 63 00 00 00",
            "PUBLISH QoS 0 with DUP,              38 08 00 05 61 2f 62 2f 63 00",
            "remaining length longer than 4 bytes, 30 ff ff ff ff 01",
            "message type 0,                      00 00",
            "a string longer than the packet,     30 05 00 ff 61 62 63",
            "an unknown property,                 30 0a 00 05 61 2f 62 2f 63 02 7f 00",
    })
    void malformedPacketsAreDisconnectedWith0x81(String what, String hex) {
        expectDisconnect(hex(hex), 0x81);
        assertThat(harness.counter(IngestMetrics.PROTOCOL_VIOLATIONS, "reason", "malformed_packet")).isEqualTo(1);
    }

    @Test
    void invalidUtf8InATopicIsMalformed() {
        expectDisconnect(packet(0x30, str(INVALID_UTF8), bytes(0), utf8("{}")), 0x81);
    }

    @Test
    void aSubscribeWithoutTopicFiltersIsAProtocolError() {
        expectDisconnect(packet(0x82, bytes(0, 1, 0)), 0x82);
    }

    @Test
    void anAuthPacketIsAProtocolError() {
        expectDisconnect(bytes(0xf0, 0x00), 0x82);
    }

    @Test
    void anOversizedPacketIsRefusedAtItsHeaderBeforeItsBodyArrives() {
        MqttWire wire = connected5();
        int tooBig = harness.services.maxMessageBytes() + 1;
        // Only the fixed header: the server must not wait for (and buffer) the announced body.
        wire.sendRaw(RawPackets.withLength(0x30, tooBig, new byte[0]));
        assertThat(disconnectReason(wire.receiveOne())).isEqualTo(0x95);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.PROTOCOL_VIOLATIONS, "reason", "packet_too_large")).isEqualTo(1);
    }

    @Test
    void aPacketAtTheMaximumIsRead() throws Exception {
        MqttWire wire = connected5();
        int max = harness.services.maxMessageBytes();
        byte[] topic = str(TOPIC);
        byte[] payload = new byte[max - topic.length - 3];
        java.util.Arrays.fill(payload, (byte) ' ');
        wire.sendRaw(packet(0x32, topic, bytes(0, 1, 0), payload));
        // Read, decoded and refused for its payload (too large), not for its packet size.
        assertThat(MqttWire.reasonOf(wire.receiveOne())).isEqualTo(0x99);
        assertThat(wire.isOpen()).isTrue();
    }

    @Test
    void sizesAreFollowedAcrossPacketsSplitAnywhere() throws Exception {
        MqttWire wire = connected5();
        byte[] one = packet(0x32, str(TOPIC), bytes(0, 1, 0), utf8(PublishTest.VALID));
        byte[] two = packet(0x32, str(TOPIC), bytes(0, 2, 0), utf8(PublishTest.VALID));
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        for (byte b : both) {
            wire.sendRaw(new byte[]{b});
        }
        harness.writeBatch();
        assertThat(wire.received()).extracting(MqttWire::packetIdOf).containsExactly(1, 2);
    }

    @Test
    void aConnectArrivingByteByByteIsAccepted() {
        // netty 4.1.133's decoder alone refuses this (a variable header split across reads); the framer fixes it.
        MqttWire wire = harness.connect();
        for (byte b : RawPackets.connect(4, 0xc2, utf8("slow"), utf8(MAIN), utf8(secret(MAIN)))) {
            wire.sendRaw(new byte[]{b});
        }
        assertThat(ConnectTest.returnCode(wire.receiveOne())).isZero();
        assertThat(wire.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3.1.1, 4", "5, 5"})
    void invalidUtf8InTheClientIdOrUserNameClosesWithoutConnack(String version, int level) {
        MqttWire badId = harness.connect();
        badId.sendRaw(RawPackets.connect(level, 0xc2, INVALID_UTF8, utf8(MAIN), utf8(secret(MAIN))));
        assertThat(badId.received()).isEmpty();
        assertThat(badId.isOpen()).isFalse();
        MqttWire badUser = harness.connect();
        badUser.sendRaw(RawPackets.connect(level, 0xc2, utf8("c"), INVALID_UTF8, utf8(secret(MAIN))));
        assertThat(badUser.received()).isEmpty();
        assertThat(badUser.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.PROTOCOL_VIOLATIONS, "reason", "malformed_packet")).isEqualTo(2);
    }

    @Test
    void inconsistentConnectFlagsAreMalformed() {
        // Will QoS 1 without the will flag; a 3.1.1 password without a user name; the reserved bit.
        for (int flags : new int[]{0x0a, 0x42, 0x03}) {
            MqttWire wire = harness.connect();
            wire.sendRaw(RawPackets.connect(4, flags, utf8("c"), null, flags == 0x42 ? utf8("x") : null));
            assertThat(wire.received()).isEmpty();
            assertThat(wire.isOpen()).isFalse();
        }
    }

    @Test
    void anUnexpectedErrorIsLoggedCountedAndClosesWithUnspecifiedError() {
        MqttWire wire = connected5();
        wire.server.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        assertThat(disconnectReason(wire.receiveOne())).isEqualTo(0x80);
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.ERRORS)).isEqualTo(1);
    }

    @Test
    void ioNoiseClosesQuietly() {
        MqttWire wire = connected5();
        wire.server.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(wire.received()).isEmpty();
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.ERRORS)).isZero();
    }

    @Test
    void whatNoHandlerTakesIsReleasedAtTheTail() {
        MqttWire wire = connected5();
        ByteBuf stray = Unpooled.buffer(8).writeLong(1);
        wire.server.pipeline().context(HandlerNames.GUARD).fireChannelRead(stray);
        assertThat(stray.refCnt()).isZero();
        assertThat(wire.isOpen()).isTrue();
    }

    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }
}
