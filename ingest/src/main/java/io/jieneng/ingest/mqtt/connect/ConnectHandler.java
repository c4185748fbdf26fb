package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.jieneng.ingest.mqtt.ReadGate;
import io.jieneng.ingest.mqtt.SessionEvent;
import io.jieneng.ingest.mqtt.session.SessionKey;
import io.jieneng.ingest.mqtt.session.SessionStore;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * CONNECT: hands the credentials (or the client certificate) to the {@link Authenticator}, off the event loop,
 * holds the socket's reads meanwhile, then opens the device's session (taking it over from an older connection)
 * and answers with CONNACK on the event loop. Stateless: the state lives in {@link MqttSession}.
 */
@ChannelHandler.Sharable
public final class ConnectHandler extends PacketHandler {

    private static final Logger LOG = Logger.getLogger(ConnectHandler.class);

    private final Authenticator authenticator;
    private final IngestMetrics metrics;
    private final ConnAcks connAcks;
    private final SessionStore sessions;
    private final Disconnector disconnector;

    public ConnectHandler(Authenticator authenticator, IngestMetrics metrics, int maxPacketBytes,
                          MqttSettings settings, SessionStore sessions, Disconnector disconnector) {
        super(MqttMessageType.CONNECT);
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.connAcks = new ConnAcks(maxPacketBytes, settings);
        this.sessions = sessions;
        this.disconnector = disconnector;
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        ConnectRequest request = ConnectRequest.of((MqttConnectMessage) msg);
        Channel channel = ctx.channel();
        MqttSession session = MqttSession.start(channel, request.version(), request.clientId(),
                request.keepAliveSeconds());
        session.wantsProblemInformation(request.problemInformation());
        session.clientMaxPacketBytes(request.clientMaxPacketBytes());
        session.requestedExpirySeconds(request.requestedExpiry());
        if (request.refusal() != null) {
            refuse(channel, session, request.refusal());
            return;
        }
        // No packet is read until the device is known; packets already read wait in the guard.
        ReadGate.pause(channel, ReadGate.Reason.AUTHENTICATION);
        InetAddress source = channel.remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
        authenticator.authenticate(new ConnectAttempt(request.username(), request.password(), session.clientId(),
                ClientCertificates.deviceId(channel), source, channel::isActive)).whenComplete((outcome, error) ->
                channel.eventLoop().execute(() -> finish(channel, session, request, outcome, error)));
    }

    private void finish(Channel channel, MqttSession session, ConnectRequest request, AuthOutcome outcome,
                        Throwable error) {
        if (!channel.isActive() || session.state() != MqttSession.State.AUTHENTICATING) {
            return;
        }
        if (error != null || !outcome.isGranted()) {
            if (error != null) {
                LOG.error("Authentication failed unexpectedly for " + session, error);
            }
            refuse(channel, session, error != null ? ConnectRefusal.SERVER_UNAVAILABLE : outcome.refusal());
            return;
        }
        long expiry = request.grantedExpiry(connAcks.settings());
        SessionStore.Owner owner = () -> channel.eventLoop().execute(() -> disconnector.disconnect(channel,
                MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER, "another connection took over the session"));
        SessionStore.Opened opened = sessions.open(SessionKey.of(outcome.principal(), session.clientId()), owner,
                request.cleanStart(), expiry);
        if (opened.replaced() != null) {
            opened.replaced().takenOver();
        }
        session.connected(outcome.principal(), opened.session());
        channel.closeFuture().addListener(f -> sessions.closed(opened.session(), owner));
        channel.writeAndFlush(connAcks.accepted(request, opened.present(), expiry));
        ReadGate.resume(channel, ReadGate.Reason.AUTHENTICATION);
        channel.pipeline().fireUserEventTriggered(SessionEvent.CONNECTED);
    }

    private void refuse(Channel channel, MqttSession session, ConnectRefusal refusal) {
        metrics.connectRefused(refusal.code());
        LOG.debugf("Refused %s: %s", session, refusal.code());
        session.closing();
        ReadGate.pause(channel, ReadGate.Reason.CLOSING);
        channel.writeAndFlush(MqttMessageBuilders.connAck().sessionPresent(false)
                .returnCode(MqttConnectReturnCode.valueOf(refusal.returnCode(session.isMqtt5()))).build())
                .addListener(ChannelFutureListener.CLOSE);
    }
}
