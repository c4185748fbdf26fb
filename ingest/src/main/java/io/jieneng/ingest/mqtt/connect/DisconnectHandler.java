package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * DISCONNECT: the client leaves; the server closes the socket (MQTT 3.1.1 §3.14, MQTT 5 §3.14.4). An MQTT 5
 * client may change its Session Expiry Interval on the way out, within the server's maximum, but not from 0 to
 * more (MQTT 5 §3.14.2.2.2). Wills are accepted and never kept, so there is nothing to publish or discard.
 */
@ChannelHandler.Sharable
public final class DisconnectHandler extends PacketHandler {

    private final MqttSettings settings;
    private final Disconnector disconnector;

    public DisconnectHandler(MqttSettings settings, Disconnector disconnector) {
        super(MqttMessageType.DISCONNECT);
        this.settings = settings;
        this.disconnector = disconnector;
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttSession session = MqttSession.of(ctx.channel());
        if (msg.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            MqttProperties.MqttProperty<?> expiry = header.properties()
                    .getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            if (expiry != null) {
                long requested = Integer.toUnsignedLong((Integer) expiry.value());
                if (session.requestedExpirySeconds() == 0 && requested != 0) {
                    disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                            "a session that expires with its connection cannot be extended at DISCONNECT");
                    return;
                }
                session.persistent().expirySeconds(Math.min(requested, settings.sessionExpiryMax().toSeconds()));
            }
        }
        session.closing();
        ctx.close();
    }
}
