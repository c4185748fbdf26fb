package io.jieneng.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.jboss.logging.Logger;

/**
 * The one place that closes MQTT connections. An MQTT 5 client that got its CONNACK first gets a DISCONNECT with
 * the reason code (MQTT 5 §3.14); a 3.1.1 client, which has no such packet, is simply closed.
 */
public final class Disconnector {

    private static final Logger LOG = Logger.getLogger(Disconnector.class);

    /** Closes {@code channel}; {@code why} goes to the debug log. Call on the channel's event loop. */
    public void disconnect(Channel channel, MqttReasonCodes.Disconnect reason, String why) {
        MqttSession session = MqttSession.of(channel);
        LOG.debugf("Closing %s: %s (%s)", session == null ? channel.remoteAddress() : session, why, reason);
        boolean tell = session != null && session.isMqtt5() && session.state() == MqttSession.State.CONNECTED
                && channel.isActive();
        if (session != null) {
            session.closing();
        }
        if (tell) {
            channel.writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reason.byteValue()).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
