package io.jieneng.ingest.mqtt.subscribe;

import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

import java.util.Collections;

/**
 * Ingest only receives: every subscription is refused (SUBACK 0x80 in 3.1.1, 0x87 not authorized in 5) and an
 * UNSUBSCRIBE is answered with "no subscription existed" (0x11 in 5).
 */
@ChannelHandler.Sharable
public final class SubscribeHandler extends PacketHandler {

    public SubscribeHandler() {
        super(MqttMessageType.SUBSCRIBE, MqttMessageType.UNSUBSCRIBE);
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        boolean mqtt5 = MqttSession.of(ctx.channel()).isMqtt5();
        if (msg instanceof MqttSubscribeMessage sub) {
            int n = sub.payload().topicSubscriptions().size();
            int id = sub.variableHeader().messageId();
            if (mqtt5) {
                int[] codes = new int[n];
                java.util.Arrays.fill(codes, MqttReasonCodes.SubAck.NOT_AUTHORIZED.byteValue() & 0xff);
                ctx.writeAndFlush(new MqttSubAckMessage(
                        new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                        new MqttMessageIdAndPropertiesVariableHeader(id, MqttProperties.NO_PROPERTIES),
                        new MqttSubAckPayload(codes)));
            } else {
                ctx.writeAndFlush(MqttMessageBuilders.subAck().packetId(id)
                        .addGrantedQoses(Collections.nCopies(n, MqttQoS.FAILURE).toArray(new MqttQoS[0])).build());
            }
        } else if (msg instanceof MqttUnsubscribeMessage unsub) {
            MqttMessageBuilders.UnsubAckBuilder ack = MqttMessageBuilders.unsubAck()
                    .packetId(unsub.variableHeader().messageId());
            if (mqtt5) {
                unsub.payload().topics().forEach(t -> ack.addReasonCode(
                        (short) MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue()));
            }
            ctx.writeAndFlush(ack.build());
        }
    }
}
