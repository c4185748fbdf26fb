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
 * packet id's flow, which may have begun on an earlier connection of a persistent session. An id the session does
 * not know gets 0x92 in MQTT 5 (packet identifier not found); MQTT 3.1.1 has no such code, and a PUBCOMP is what
 * lets the client forget the message. One per channel, sharing the channel's {@link PublishResponder}.
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
        MqttSession session = MqttSession.of(ctx.channel());
        boolean known = responder.release(session.persistent(), packetId);
        ctx.writeAndFlush(Replies.pubComp(packetId, known || !session.isMqtt5() ? Replies.SUCCESS
                : MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue()));
    }
}
