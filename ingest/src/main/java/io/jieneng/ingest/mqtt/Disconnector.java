package io.jieneng.ingest.mqtt;

import io.jieneng.ingest.IngestMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that closes MQTT connections. An MQTT 5 client that got its CONNACK first gets a DISCONNECT with
 * the reason code and a reason string (MQTT 5 §3.14); a 3.1.1 client, which has no such packet, is simply closed.
 * Every close is counted by reason, and those for breaking the protocol also as protocol violations.
 */
public final class Disconnector {

    private static final Logger LOG = Logger.getLogger(Disconnector.class);
    private static final int MAX_REASON_STRING = 256;

    /** The reasons that mean the client broke the protocol (MQTT 5 §4.13). */
    static final Set<Disconnect> VIOLATIONS = EnumSet.of(Disconnect.MALFORMED_PACKET, Disconnect.PROTOCOL_ERROR,
            Disconnect.PACKET_TOO_LARGE, Disconnect.RECEIVE_MAXIMUM_EXCEEDED, Disconnect.TOPIC_ALIAS_INVALID,
            Disconnect.TOPIC_NAME_INVALID);

    private final IngestMetrics metrics;

    public Disconnector(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    /** The snake_case name of a reason code, as used in metrics tags. */
    public static String code(Disconnect reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /** Closes {@code channel}; {@code why} goes to the debug log and the reason string. Call on its event loop. */
    public void disconnect(Channel channel, Disconnect reason, String why) {
        MqttSession session = MqttSession.of(channel);
        if (session != null && session.state() == MqttSession.State.CLOSING && !channel.isActive()) {
            return;
        }
        LOG.debugf("Closing %s: %s (%s)", session == null ? channel.remoteAddress() : session, why, reason);
        metrics.disconnected(code(reason));
        if (VIOLATIONS.contains(reason)) {
            metrics.protocolViolation(code(reason));
        }
        // An unwritable channel would never flush the DISCONNECT, and the close waits for that write.
        boolean tell = session != null && session.isMqtt5() && session.state() == MqttSession.State.CONNECTED
                && channel.isActive() && channel.isWritable();
        if (session != null) {
            session.closing();
        }
        // Nothing more is read from a connection that is being closed.
        ReadGate.pause(channel, ReadGate.Reason.CLOSING);
        if (tell) {
            String text = why == null || why.length() <= MAX_REASON_STRING ? why : why.substring(0, MAX_REASON_STRING);
            channel.writeAndFlush(Replies.disconnect(reason.byteValue(), text, session.clientMaxPacketBytes()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
