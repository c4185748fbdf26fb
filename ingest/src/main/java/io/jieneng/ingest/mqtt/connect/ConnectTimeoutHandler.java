package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket that has not completed CONNECT (CONNACK sent) within the connect timeout, so idle or slow-loris
 * sockets cannot pile up. One per channel; removed from the pipeline once the connection is accepted.
 */
public final class ConnectTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final Duration timeout;
    private final Disconnector disconnector;
    private ScheduledFuture<?> timer;

    public ConnectTimeoutHandler(Duration timeout, Disconnector disconnector) {
        this.timeout = timeout;
        this.disconnector = disconnector;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer != null) {
            return;
        }
        timer = ctx.executor().schedule(() -> {
            MqttSession session = MqttSession.of(ctx.channel());
            if (session == null || session.state() != MqttSession.State.CONNECTED) {
                disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.MAXIMUM_CONNECT_TIME,
                        "no CONNECT completed within " + timeout);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
