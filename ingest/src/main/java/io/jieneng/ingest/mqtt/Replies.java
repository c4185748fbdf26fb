package io.jieneng.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.nio.charset.StandardCharsets;

/**
 * Acknowledgement and DISCONNECT packets. The encoder writes a reason code only for MQTT 5 (and omits a success
 * code without properties), so the same packet serves both versions. MqttMessageBuilders has a builder for PUBACK
 * only; PUBREC and PUBCOMP share its variable header.
 *
 * <p>A reason string is dropped when the packet would otherwise exceed the client's Maximum Packet Size: the
 * server must not send a larger packet, and the reason string is what MQTT 5 §3.4.2.2.2 says to leave out.
 */
public final class Replies {

    /** The success reason code of every acknowledgement. */
    public static final byte SUCCESS = 0x00;
    /** No Maximum Packet Size from the client: the protocol's own limit. */
    public static final int UNLIMITED = 268_435_460;

    private Replies() {
    }

    public static MqttMessage pubAck(int packetId, byte reason) {
        return pubAck(packetId, reason, null, UNLIMITED);
    }

    /** A PUBACK; {@code reasonString} (MQTT 5 only, may be {@code null}) tells the device what was wrong. */
    public static MqttMessage pubAck(int packetId, byte reason, String reasonString, int clientMaxPacketBytes) {
        return MqttMessageBuilders.pubAck().packetId(packetId).reasonCode(reason)
                .properties(props(fitting(reasonString, 3, clientMaxPacketBytes))).build();
    }

    public static MqttMessage pubRec(int packetId, byte reason) {
        return pubRec(packetId, reason, null, UNLIMITED);
    }

    public static MqttMessage pubRec(int packetId, byte reason, String reasonString, int clientMaxPacketBytes) {
        return reply(MqttMessageType.PUBREC, packetId, reason,
                props(fitting(reasonString, 3, clientMaxPacketBytes)));
    }

    public static MqttMessage pubComp(int packetId, byte reason) {
        return reply(MqttMessageType.PUBCOMP, packetId, reason, MqttProperties.NO_PROPERTIES);
    }

    /** An MQTT 5 DISCONNECT with {@code reason} and, if it fits, {@code reasonString}. */
    public static MqttMessage disconnect(byte reason, String reasonString, int clientMaxPacketBytes) {
        return MqttMessageBuilders.disconnect().reasonCode(reason)
                .properties(props(fitting(reasonString, 1, clientMaxPacketBytes))).build();
    }

    /**
     * {@code reasonString}, or {@code null} when a packet of {@code fixedBytes} variable-header bytes before the
     * properties plus that string would exceed {@code maxPacketBytes}.
     */
    static String fitting(String reasonString, int fixedBytes, int maxPacketBytes) {
        if (reasonString == null) {
            return null;
        }
        int propertiesLength = 1 + 2 + reasonString.getBytes(StandardCharsets.UTF_8).length;
        int remaining = fixedBytes + varIntBytes(propertiesLength) + propertiesLength;
        long packet = 1L + varIntBytes(remaining) + remaining;
        return packet <= maxPacketBytes && propertiesLength - 3 <= 65_535 ? reasonString : null;
    }

    private static int varIntBytes(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    private static MqttMessage reply(MqttMessageType type, int packetId, byte reason, MqttProperties props) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reason, props));
    }

    private static MqttProperties props(String reasonString) {
        if (reasonString == null) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
                reasonString));
        return props;
    }
}
