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
        return MqttMessageBuilders.pubAck().packetId(packetId).reasonCode(reason).build();
    }

    public static MqttMessage pubRec(int packetId, byte reason) {
        return reply(MqttMessageType.PUBREC, packetId, reason);
    }

    public static MqttMessage pubComp(int packetId, byte reason) {
        return reply(MqttMessageType.PUBCOMP, packetId, reason);
    }

    private static MqttMessage reply(MqttMessageType type, int packetId, byte reason) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reason, MqttProperties.NO_PROPERTIES));
    }
}
