package io.jieneng.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Acknowledgement packets. The encoder writes a reason code only for MQTT 5 (and omits a success code without
 * properties), so the same packet serves both versions. MqttMessageBuilders has a builder for PUBACK only; PUBREC
 * and PUBCOMP share its variable header.
 */
public final class Replies {

    /** The success reason code of every acknowledgement. */
    public static final byte SUCCESS = 0x00;

    private Replies() {
    }

    public static MqttMessage pubAck(int packetId, byte reason) {
        return pubAck(packetId, reason, null);
    }

    /** A PUBACK; {@code reasonString} (MQTT 5 only, may be {@code null}) tells the device what was wrong. */
    public static MqttMessage pubAck(int packetId, byte reason, String reasonString) {
        return MqttMessageBuilders.pubAck().packetId(packetId).reasonCode(reason).properties(props(reasonString))
                .build();
    }

    public static MqttMessage pubRec(int packetId, byte reason) {
        return pubRec(packetId, reason, null);
    }

    public static MqttMessage pubRec(int packetId, byte reason, String reasonString) {
        return reply(MqttMessageType.PUBREC, packetId, reason, props(reasonString));
    }

    public static MqttMessage pubComp(int packetId, byte reason) {
        return reply(MqttMessageType.PUBCOMP, packetId, reason, MqttProperties.NO_PROPERTIES);
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
