package io.jieneng.ingest.server;

import io.jieneng.ingest.mqtt.Disconnector;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

import java.util.List;

/**
 * Cuts the byte stream into whole MQTT packets for MqttDecoder, and refuses an oversized packet as soon as its
 * fixed header arrives. It decodes nothing beyond the fixed header (type byte and Remaining Length). Two reasons:
 * <ul>
 *   <li>netty 4.1.133's MqttDecoder rejects a valid packet with TooLongFrameException when its variable header
 *       arrives split across reads (netty issue 16776, fixed after 4.1.133), which TCP segmentation and TLS
 *       records do at random; given whole packets, it never has to wait for a variable header;</li>
 *   <li>the size is decided at the header, so a client announcing a huge packet is refused at once, and at most
 *       one packet of at most the maximum size is ever buffered per connection.</li>
 * </ul>
 * A malformed Remaining Length is passed on for the decoder to report. One per channel.
 */
final class PacketFramer extends ByteToMessageDecoder {

    private final int maxRemainingLength;
    private final Disconnector disconnector;
    private boolean passThrough;
    private boolean discarding;

    PacketFramer(int maxRemainingLength, Disconnector disconnector) {
        this.maxRemainingLength = maxRemainingLength;
        this.disconnector = disconnector;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discarding) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (passThrough) {
                out.add(in.readRetainedSlice(in.readableBytes()));
                return;
            }
            int start = in.readerIndex();
            int remaining = 0;
            int multiplier = 1;
            int headerBytes = 1;
            boolean complete = false;
            while (headerBytes <= 4) {
                if (in.readableBytes() <= headerBytes) {
                    return;
                }
                int digit = in.getUnsignedByte(start + headerBytes);
                remaining += (digit & 0x7f) * multiplier;
                headerBytes++;
                if ((digit & 0x80) == 0) {
                    complete = true;
                    break;
                }
                multiplier *= 128;
            }
            if (!complete) {
                // Five length bytes: malformed. The decoder reports it; nothing after it can be framed.
                passThrough = true;
                continue;
            }
            if (remaining > maxRemainingLength) {
                discarding = true;
                in.skipBytes(in.readableBytes());
                disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.PACKET_TOO_LARGE,
                        "packet of " + remaining + " bytes exceeds the maximum of " + maxRemainingLength);
                return;
            }
            if (in.readableBytes() < headerBytes + remaining) {
                return;
            }
            out.add(in.readRetainedSlice(headerBytes + remaining));
        }
    }
}
