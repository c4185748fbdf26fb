package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jboss.logging.Logger;

/**
 * Counts failed TLS handshakes (a device without a valid client certificate, a plain-TCP client on the TLS port,
 * a scanner) and logs them at debug only: at the scale of a province they are routine and would flood the log.
 * The SslHandler closes the connection itself.
 */
@ChannelHandler.Sharable
final class TlsHandshakeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(TlsHandshakeHandler.class);

    private final IngestMetrics metrics;

    TlsHandshakeHandler(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            metrics.tlsHandshakeFailed();
            LOG.debugf("TLS handshake with %s failed: %s", ctx.channel().remoteAddress(), done.cause().toString());
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }
}
