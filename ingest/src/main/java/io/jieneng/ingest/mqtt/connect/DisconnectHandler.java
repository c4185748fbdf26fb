package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

/**
 * DISCONNECT: the client leaves; the server closes the socket (MQTT 3.1.1 §3.14, MQTT 5 §3.14.4). Wills are not
 * kept, so there is nothing to discard.
 */
@ChannelHandler.Sharable
public final class DisconnectHandler extends PacketHandler {

    public DisconnectHandler() {
        super(MqttMessageType.DISCONNECT);
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttSession session = MqttSession.of(ctx.channel());
        if (session != null) {
            session.closing();
        }
        ctx.close();
    }
}
