package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.SessionEvent;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;

/**
 * First stop of every decoded packet. It rejects decoder failures and packets that break a rule the decoder does
 * not check ({@link PacketValidator}) before anything else looks at them, enforces the order of the protocol
 * (CONNECT first and once, then only client packets; AUTH is not offered), and holds packets that arrive while
 * the CONNECT is being authenticated until the connection is accepted. One per channel.
 */
final class MqttMessageGuard extends ChannelInboundHandlerAdapter {

    private static final Set<MqttMessageType> AFTER_CONNECT = EnumSet.of(MqttMessageType.PUBLISH,
            MqttMessageType.PUBREL, MqttMessageType.SUBSCRIBE, MqttMessageType.UNSUBSCRIBE, MqttMessageType.PINGREQ,
            MqttMessageType.DISCONNECT);

    private final Disconnector disconnector;
    private final IngestMetrics metrics;
    private final KeepAliveInstaller keepAlive;
    private final ArrayDeque<MqttMessage> held = new ArrayDeque<>();

    MqttMessageGuard(Disconnector disconnector, IngestMetrics metrics, KeepAliveInstaller keepAlive) {
        this.disconnector = disconnector;
        this.metrics = metrics;
        this.keepAlive = keepAlive;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (m.decoderResult().isFailure()) {
            ReferenceCountUtil.release(m);
            rejectUndecodable(ctx, m.decoderResult().cause());
            return;
        }
        PacketValidator.Violation violation = PacketValidator.check(m);
        if (violation != null) {
            ReferenceCountUtil.release(m);
            disconnector.disconnect(ctx.channel(), violation.reason(), violation.why());
            return;
        }
        MqttSession session = MqttSession.of(ctx.channel());
        MqttMessageType type = m.fixedHeader().messageType();
        if (session == null) {
            if (type == MqttMessageType.CONNECT) {
                ctx.fireChannelRead(m);
            } else {
                ReferenceCountUtil.release(m);
                disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                        "the first packet must be CONNECT, was " + type);
            }
        } else if (session.state() == MqttSession.State.AUTHENTICATING && type != MqttMessageType.CONNECT) {
            held.add(m);
        } else {
            route(ctx, session, m);
        }
    }

    private void route(ChannelHandlerContext ctx, MqttSession session, MqttMessage m) {
        MqttMessageType type = m.fixedHeader().messageType();
        if (session.state() == MqttSession.State.CONNECTED && AFTER_CONNECT.contains(type)) {
            ctx.fireChannelRead(m);
            return;
        }
        ReferenceCountUtil.release(m);
        if (session.state() != MqttSession.State.CLOSING) {
            disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                    "unexpected " + type + " from the client");
        }
    }

    private void rejectUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            refuseConnect(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                    "unsupported_protocol");
        } else if (cause instanceof MqttIdentifierRejectedException) {
            refuseConnect(ctx, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, "client_id_rejected");
        } else if (cause instanceof TooLongFrameException) {
            // The framer refuses oversized packets before the decoder sees them, so this is netty 4.1.133 reading
            // past the end of a whole packet: a string or property longer than the packet holds.
            disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.MALFORMED_PACKET,
                    "a field runs past the end of the packet");
        } else {
            disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.MALFORMED_PACKET, String.valueOf(cause));
        }
    }

    private void refuseConnect(ChannelHandlerContext ctx, MqttConnectReturnCode code, String reason) {
        metrics.connectRefused(reason);
        ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == SessionEvent.CONNECTED) {
            MqttSession session = MqttSession.of(ctx.channel());
            keepAlive.install(ctx.pipeline(), session.keepAliveSeconds());
            while (!held.isEmpty()) {
                route(ctx, session, held.poll());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    private void releaseHeld() {
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
    }
}
