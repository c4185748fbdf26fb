package io.jieneng.ingest.mqtt.ping;

import io.jieneng.ingest.mqtt.PacketHandler;
import io.jieneng.ingest.mqtt.WriteStall;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

/**
 * PINGREQ → PINGRESP, unless the client is not reading its replies ({@link WriteStall}). Any packet, this one
 * included, resets the keepalive timer.
 */
@ChannelHandler.Sharable
public final class PingHandler extends PacketHandler {

    public PingHandler() {
        super(MqttMessageType.PINGREQ);
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        WriteStall.replyIfWritable(ctx, MqttMessage.PINGRESP);
    }
}
