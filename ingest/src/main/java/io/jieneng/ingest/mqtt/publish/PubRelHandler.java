package io.jieneng.ingest.mqtt.publish;

import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.jieneng.ingest.mqtt.Replies;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * PUBREL → PUBCOMP, the last step of QoS 2. The readings were durable before the PUBREC, so this only ends the
 * packet id's flow. An unknown id gets 0x92 in MQTT 5 (packet identifier not found). One per channel, sharing
 * the channel's {@link PublishResponder}.
 */
public final class PubRelHandler extends PacketHandler {

    private final PublishResponder responder;

    public PubRelHandler(PublishResponder responder) {
        super(MqttMessageType.PUBREL);
        this.responder = responder;
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        int packetId = ((MqttMessageIdVariableHeader) msg.variableHeader()).messageId();
        boolean known = responder.release(packetId);
        boolean mqtt5 = MqttSession.of(ctx.channel()).isMqtt5();
        ctx.writeAndFlush(Replies.pubComp(packetId, known || !mqtt5 ? Replies.SUCCESS
                : MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue()));
    }
}
