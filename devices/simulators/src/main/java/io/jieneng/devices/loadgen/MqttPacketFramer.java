package io.jieneng.devices.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Cuts the byte stream into whole MQTT packets (fixed header, remaining length, body) before netty-codec-mqtt's
 * {@code MqttDecoder} sees them. Netty 4.1.133's decoder rejects a valid packet with a {@code TooLongFrameException}
 * whenever its variable header arrives split across two reads (netty/netty#16776, fixed by #16916): handed whole
 * packets, it never has to wait for more bytes.
 */
final class MqttPacketFramer extends ByteToMessageDecoder {

    private final int maxPacketBytes;

    MqttPacketFramer(int maxPacketBytes) {
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int remaining = 0;
            int multiplier = 1;
            int headerBytes = 1;
            boolean complete = false;
            // The remaining length: 1 to 4 bytes of 7 bits each, least significant first (MQTT §2.2.3).
            for (int i = 0; i < 4; i++) {
                if (in.readableBytes() < headerBytes + 1) {
                    return;
                }
                int digit = in.getUnsignedByte(start + headerBytes);
                headerBytes++;
                remaining += (digit & 0x7F) * multiplier;
                if ((digit & 0x80) == 0) {
                    complete = true;
                    break;
                }
                multiplier *= 128;
            }
            if (!complete) {
                throw new CorruptedFrameException("an MQTT remaining length longer than 4 bytes");
            }
            if (remaining > maxPacketBytes) {
                throw new TooLongFrameException("an MQTT packet of " + remaining + " bytes, above " + maxPacketBytes);
            }
            if (in.readableBytes() < headerBytes + remaining) {
                return;
            }
            out.add(in.readRetainedSlice(headerBytes + remaining));
        }
    }
}
