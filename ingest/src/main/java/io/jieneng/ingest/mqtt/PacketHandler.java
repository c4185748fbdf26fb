package io.jieneng.ingest.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

import java.util.EnumSet;
import java.util.Set;

/**
 * Base of the one-handler-per-packet-type handlers: it takes only its packet types and passes everything else
 * on. Like every {@link SimpleChannelInboundHandler} it releases the packet (and its payload buffer) after
 * {@link #handle}, so a handler must copy what it keeps.
 */
public abstract class PacketHandler extends SimpleChannelInboundHandler<MqttMessage> {

    private final Set<MqttMessageType> types;

    protected PacketHandler(MqttMessageType first, MqttMessageType... more) {
        super(MqttMessage.class);
        this.types = EnumSet.of(first, more);
    }

    @Override
    public boolean acceptInboundMessage(Object msg) {
        return msg instanceof MqttMessage m && m.fixedHeader() != null && types.contains(m.fixedHeader().messageType());
    }

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) throws Exception {
        handle(ctx, msg);
    }

    protected abstract void handle(ChannelHandlerContext ctx, MqttMessage msg) throws Exception;
}
