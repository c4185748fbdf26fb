package io.jieneng.ingest.mqtt.ping;

import io.jieneng.ingest.mqtt.Backpressure;
import io.jieneng.ingest.mqtt.Disconnector;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that sent no packet for 1.5 × its keepalive (MQTT 3.1.1 §3.1.2.10, MQTT 5 §3.1.2.11); the
 * pipeline's IdleStateHandler measures it. A connection whose reads are paused by back-pressure is silent through
 * no fault of its own and is kept.
 */
@ChannelHandler.Sharable
public final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    private final Backpressure backpressure;
    private final Disconnector disconnector;

    public KeepAliveHandler(Backpressure backpressure, Disconnector disconnector) {
        this.backpressure = backpressure;
        this.disconnector = disconnector;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (!backpressure.isPaused(ctx.channel()) && ctx.channel().config().isAutoRead()) {
                disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT,
                        "no packet within 1.5 x keepalive");
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
