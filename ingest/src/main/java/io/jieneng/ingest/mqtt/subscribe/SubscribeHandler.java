package io.jieneng.ingest.mqtt.subscribe;

import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.jieneng.ingest.mqtt.WriteStall;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;

import java.util.Arrays;

/**
 * Ingest only receives, so every subscription is refused, and the connection stays open: SUBACK 0x80 (failure) in
 * MQTT 3.1.1, 0x8F (topic filter invalid) in MQTT 5 (issue 3). The CONNACK already told MQTT 5 clients that
 * wildcard and shared subscriptions are not available.
 */
@ChannelHandler.Sharable
public final class SubscribeHandler extends PacketHandler {

    static final int REFUSED_311 = 0x80;
    static final int REFUSED_5 = MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID.byteValue() & 0xff;

    public SubscribeHandler() {
        super(MqttMessageType.SUBSCRIBE);
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttSubscribeMessage sub = (MqttSubscribeMessage) msg;
        int[] codes = new int[sub.payload().topicSubscriptions().size()];
        Arrays.fill(codes, MqttSession.of(ctx.channel()).isMqtt5() ? REFUSED_5 : REFUSED_311);
        WriteStall.replyIfWritable(ctx, new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(sub.variableHeader().messageId(),
                        MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes)));
    }
}
