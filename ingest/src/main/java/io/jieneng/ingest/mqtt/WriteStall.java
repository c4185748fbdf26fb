package io.jieneng.ingest.mqtt;

import io.jieneng.ingest.IngestMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.concurrent.ScheduledFuture;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a client that does not read its replies from growing the server's outbound buffer. When the channel
 * turns unwritable (Netty's high watermark, 64 KiB, on top of the kernel's socket buffers) the connection's reads
 * pause, so it cannot make the server produce more replies; when it is writable again they resume. A client
 * still unwritable after {@code stall} is closed, without a DISCONNECT it would not read either, and counted.
 * One per channel.
 */
public final class WriteStall extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(WriteStall.class);

    private final Duration stall;
    private final Disconnector disconnector;
    private final IngestMetrics metrics;
    private ScheduledFuture<?> timer;

    public WriteStall(Duration stall, Disconnector disconnector, IngestMetrics metrics) {
        this.stall = stall;
        this.disconnector = disconnector;
        this.metrics = metrics;
    }

    /**
     * Writes a reply that carries no state (PINGRESP, SUBACK, UNSUBACK) unless the channel is unwritable: then the
     * client is not reading, and the reply would only add to what it already does not read. Call on the event
     * loop. Returns whether it was written.
     */
    public static boolean replyIfWritable(ChannelHandlerContext ctx, MqttMessage reply) {
        if (!ctx.channel().isWritable()) {
            LOG.debugf("Not answering %s: %s is not reading its replies", reply.fixedHeader().messageType(),
                    ctx.channel().remoteAddress());
            return false;
        }
        ctx.writeAndFlush(reply);
        return true;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (!channel.isWritable()) {
            ReadGate.pause(channel, ReadGate.Reason.UNREAD_REPLIES);
            if (timer == null) {
                timer = ctx.executor().schedule(() -> expire(channel), stall.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else {
            cancel();
            ReadGate.resume(channel, ReadGate.Reason.UNREAD_REPLIES);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void expire(Channel channel) {
        timer = null;
        if (channel.isWritable() || !channel.isActive()) {
            return;
        }
        metrics.writeStalled();
        LOG.infof("Closing %s: it has not read its replies for %s", MqttSession.of(channel) != null
                ? MqttSession.of(channel) : channel.remoteAddress(), stall);
        disconnector.disconnect(channel, MqttReasonCodes.Disconnect.QUOTA_EXCEEDED,
                "the client has not read its replies for " + stall);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }
}
