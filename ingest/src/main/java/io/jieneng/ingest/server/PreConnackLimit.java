package io.jieneng.ingest.server;

import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.SessionEvent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;

/**
 * Caps what a socket may send before its CONNACK at {@link #MAX_BYTES}, counted in plain bytes (behind TLS). Until
 * a connection is accepted nothing it sends is worth buffering beyond one CONNECT: without the cap, the framer
 * would hold a packet of up to the maximum PUBLISH size (about 197 KiB) for every unauthenticated socket, 390 MB
 * for the 2,000 sockets one address may open. Removes itself once the connection is accepted. One per channel.
 */
final class PreConnackLimit extends ChannelInboundHandlerAdapter {

    /**
     * The most a client may send before its CONNACK, CONNECT included: room for a client id, user name and
     * password, MQTT 5 properties and a modest will. A device's CONNECT is a few hundred bytes.
     */
    static final int MAX_BYTES = 8 * 1024;

    private final Disconnector disconnector;
    private long received;
    private boolean cut;

    PreConnackLimit(Disconnector disconnector) {
        this.disconnector = disconnector;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (cut) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf bytes) {
            received += bytes.readableBytes();
            if (received > MAX_BYTES) {
                cut = true;
                ReferenceCountUtil.release(msg);
                disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.PACKET_TOO_LARGE,
                        "more than " + MAX_BYTES + " bytes before CONNACK");
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == SessionEvent.CONNECTED && !cut) {
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
