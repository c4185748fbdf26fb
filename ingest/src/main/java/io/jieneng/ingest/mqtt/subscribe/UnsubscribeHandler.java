package io.jieneng.ingest.mqtt.subscribe;

import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.jieneng.ingest.mqtt.WriteStall;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

/**
 * UNSUBSCRIBE → UNSUBACK with the same packet id (MQTT 3.1.1 §3.10.4). Since no subscription is ever granted,
 * MQTT 5 clients get 0x11 (no subscription existed) for every topic filter.
 */
@ChannelHandler.Sharable
public final class UnsubscribeHandler extends PacketHandler {

    public UnsubscribeHandler() {
        super(MqttMessageType.UNSUBSCRIBE);
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttUnsubscribeMessage unsub = (MqttUnsubscribeMessage) msg;
        MqttMessageBuilders.UnsubAckBuilder ack = MqttMessageBuilders.unsubAck()
                .packetId(unsub.variableHeader().messageId());
        if (MqttSession.of(ctx.channel()).isMqtt5()) {
            unsub.payload().topics().forEach(t -> ack.addReasonCode(
                    (short) MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue()));
        }
        WriteStall.replyIfWritable(ctx, ack.build());
    }
}
