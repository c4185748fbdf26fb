package io.jieneng.devices.loadgen;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of a PUBLISH packet up to its payload, for one connection's topic (MQTT 3.1.1 §3.3, MQTT 5 §3.3):
 * the fixed header with the remaining length, the topic, the packet id (QoS 1 and 2) and, in MQTT 5, an empty
 * property list. The load generator writes this and the payload into one pooled buffer, which then passes
 * netty-codec-mqtt's {@code MqttEncoder} untouched; that encoder would allocate a second buffer and copy the
 * payload into it for every PUBLISH. Every other packet still goes through the encoder.
 */
final class PublishFrame {

    private static final int MAX_REMAINING_LENGTH = 268_435_455;

    private final byte[] head;
    private final boolean packetId;
    private final boolean properties;
    private final int payloadBytes;

    PublishFrame(String topic, int qos, int mqttVersion, int payloadBytes) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        this.packetId = qos > 0;
        this.properties = mqttVersion == 5;
        this.payloadBytes = payloadBytes;
        int remaining = 2 + topicBytes.length + (packetId ? 2 : 0) + (properties ? 1 : 0) + payloadBytes;
        if (topicBytes.length > 65_535 || remaining > MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("a PUBLISH for topic " + topic + " would be too large");
        }
        byte[] length = remainingLength(remaining);
        head = new byte[1 + length.length + 2 + topicBytes.length];
        // Type 3 in the high nibble; QoS in bits 1-2; DUP and RETAIN clear.
        head[0] = (byte) (0x30 | (qos << 1));
        System.arraycopy(length, 0, head, 1, length.length);
        int at = 1 + length.length;
        head[at] = (byte) (topicBytes.length >>> 8);
        head[at + 1] = (byte) topicBytes.length;
        System.arraycopy(topicBytes, 0, head, at + 2, topicBytes.length);
    }

    /** The size of the whole packet, payload included. */
    int packetBytes() {
        return head.length + (packetId ? 2 : 0) + (properties ? 1 : 0) + payloadBytes;
    }

    /** Writes everything before the payload; the caller writes exactly {@code payloadBytes} after it. */
    void writeHead(ByteBuf out, int id) {
        out.writeBytes(head);
        if (packetId) {
            out.writeShort(id);
        }
        if (properties) {
            out.writeByte(0);
        }
    }

    /** The variable-length integer of MQTT §1.5.5 / §2.2.3. */
    static byte[] remainingLength(int value) {
        byte[] tmp = new byte[4];
        int n = 0;
        int v = value;
        do {
            int digit = v % 128;
            v /= 128;
            tmp[n++] = (byte) (v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
        byte[] out = new byte[n];
        System.arraycopy(tmp, 0, out, 0, n);
        return out;
    }
}
