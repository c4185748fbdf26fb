package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLException;
import java.io.IOException;

/**
 * The tail of every pipeline: the one place where failures end. IO noise from peers that vanish and TLS failures
 * (counted by {@link TlsHandshakeHandler}) are logged at debug; anything else is logged once with the client,
 * counted, and the connection is closed. A packet that reached the tail had no handler and is released.
 */
@ChannelHandler.Sharable
final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ExceptionHandler.class);

    private final Disconnector disconnector;
    private final IngestMetrics metrics;

    public ExceptionHandler(Disconnector disconnector, IngestMetrics metrics) {
        this.disconnector = disconnector;
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        MqttSession session = MqttSession.of(ctx.channel());
        Object who = session != null ? session : ctx.channel().remoteAddress();
        if (cause instanceof IOException || isTls(cause)) {
            LOG.debugf("Connection of %s failed: %s", who, cause.toString());
            ctx.close();
            return;
        }
        metrics.unexpectedError();
        LOG.warnf(cause, "Closing the connection of %s after an unexpected error", who);
        disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.UNSPECIFIED_ERROR, cause.toString());
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof NotSslRecordException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LOG.debugf("No handler for %s", msg);
        ReferenceCountUtil.release(msg);
    }
}
