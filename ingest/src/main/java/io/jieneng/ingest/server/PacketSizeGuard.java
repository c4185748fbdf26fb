package io.jieneng.ingest.server;

import io.jieneng.ingest.mqtt.Disconnector;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses an oversized packet as soon as its fixed header arrives. MqttDecoder checks its maximum only once the
 * whole packet is buffered, so a client announcing 256 MB could make the server hold that much before being
 * refused. This handler decodes nothing: it follows the packet boundaries (type byte, Remaining Length, body)
 * in the byte stream and passes every byte on untouched. A malformed Remaining Length is left to the decoder to
 * report. One per channel.
 */
final class PacketSizeGuard extends ChannelInboundHandlerAdapter {

    private final int maxRemainingLength;
    private final Disconnector disconnector;
    private long bodyLeft;
    private int headerBytes;
    private int remaining;
    private int multiplier;
    private boolean blind;

    PacketSizeGuard(int maxRemainingLength, Disconnector disconnector) {
        this.maxRemainingLength = maxRemainingLength;
        this.disconnector = disconnector;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (blind || !(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end && !blind) {
            if (bodyLeft > 0) {
                int n = (int) Math.min(bodyLeft, end - i);
                i += n;
                bodyLeft -= n;
                continue;
            }
            int b = buf.getUnsignedByte(i++);
            if (headerBytes == 0) {
                headerBytes = 1;
                remaining = 0;
                multiplier = 1;
                continue;
            }
            headerBytes++;
            remaining += (b & 0x7f) * multiplier;
            if ((b & 0x80) == 0) {
                if (remaining > maxRemainingLength) {
                    ReferenceCountUtil.release(buf);
                    blind = true;
                    disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.PACKET_TOO_LARGE,
                            "packet of " + remaining + " bytes exceeds the maximum of " + maxRemainingLength);
                    return;
                }
                bodyLeft = remaining;
                headerBytes = 0;
            } else if (headerBytes == 5) {
                // Four length bytes that all continue: malformed, and the decoder says so.
                blind = true;
            } else {
                multiplier *= 128;
            }
        }
        ctx.fireChannelRead(buf);
    }
}
