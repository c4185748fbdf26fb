package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.jieneng.ingest.mqtt.SessionEvent;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * CONNECT: hands the credentials to the {@link Authenticator} (off the event loop), holds the socket's reads
 * meanwhile, and answers with CONNACK on the event loop. Stateless: the state lives in {@link MqttSession}.
 */
@ChannelHandler.Sharable
public final class ConnectHandler extends PacketHandler {

    private static final Logger LOG = Logger.getLogger(ConnectHandler.class);

    private final Authenticator authenticator;
    private final IngestMetrics metrics;
    private final ConnAcks connAcks;

    public ConnectHandler(Authenticator authenticator, IngestMetrics metrics, int maxPacketBytes) {
        super(MqttMessageType.CONNECT);
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.connAcks = new ConnAcks(maxPacketBytes);
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttConnectMessage connect = (MqttConnectMessage) msg;
        Channel channel = ctx.channel();
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(connect.variableHeader().name(),
                (byte) connect.variableHeader().version());
        String clientId = connect.payload().clientIdentifier();
        boolean assignId = version == MqttVersion.MQTT_5 && clientId.isEmpty();
        MqttSession session = MqttSession.start(channel, version, assignId ? "jieneng-" + UUID.randomUUID()
                : clientId, connect.variableHeader().keepAliveTimeSeconds());
        session.wantsProblemInformation(ConnAcks.wantsProblemInformation(connect));
        ConnectRefusal early = ConnAcks.earlyRefusal(version, connect);
        if (early != null) {
            refuse(channel, session, early);
            return;
        }
        // No packet is read until the device is known; packets already read wait in the guard.
        channel.config().setAutoRead(false);
        String username = connect.variableHeader().hasUserName() ? connect.payload().userName() : null;
        byte[] password = connect.variableHeader().hasPassword() ? connect.payload().passwordInBytes() : null;
        authenticator.authenticate(username, password, session.clientId()).whenComplete((outcome, error) ->
                channel.eventLoop().execute(() -> finish(channel, session, outcome, error, assignId)));
    }

    private void finish(Channel channel, MqttSession session, AuthOutcome outcome, Throwable error,
                        boolean assignedId) {
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
        session.connected(outcome.principal());
        channel.writeAndFlush(connAcks.accepted(session, assignedId));
        channel.config().setAutoRead(true);
        channel.pipeline().fireUserEventTriggered(SessionEvent.CONNECTED);
    }

    private void refuse(Channel channel, MqttSession session, ConnectRefusal refusal) {
        metrics.connectRefused(refusal.code());
        LOG.debugf("Refused %s: %s", session, refusal.code());
        session.closing();
        channel.writeAndFlush(MqttMessageBuilders.connAck().sessionPresent(false)
                .returnCode(MqttConnectReturnCode.valueOf(refusal.returnCode(session.isMqtt5()))).build())
                .addListener(ChannelFutureListener.CLOSE);
    }
}
