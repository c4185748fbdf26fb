package io.jieneng.ingest.server;

import io.jieneng.ingest.mqtt.WriteStall;
import io.jieneng.ingest.mqtt.connect.ConnectTimeoutHandler;
import io.jieneng.ingest.mqtt.publish.PubRelHandler;
import io.jieneng.ingest.mqtt.publish.PublishHandler;
import io.jieneng.ingest.mqtt.publish.PublishResponder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Builds the pipeline of every MQTT connection, plain or TLS. Ordering rules:
 * <ol>
 *   <li>a socket over its address's connection limit is closed before any handler is added;</li>
 *   <li>TLS (when this is the TLS listener) comes first, so everything after it sees plain bytes;</li>
 *   <li>the pre-CONNACK limit comes next: it counts every plain byte until the connection is accepted;</li>
 *   <li>the framer sits right in front of the decoder: it hands the decoder whole packets only, and refuses an
 *       oversized packet at its header;</li>
 *   <li>the decoder has an explicit maximum packet size; the keepalive IdleStateHandler is later inserted right
 *       behind it, so it sees whole packets;</li>
 *   <li>the guard comes before every packet handler: decoder failures, rule violations and out-of-order packets
 *       never reach them, and packets read during authentication wait there;</li>
 *   <li>one handler per packet type; each passes on what is not its type;</li>
 *   <li>the exception handler is last, so every failure and every unhandled packet ends there.</li>
 * </ol>
 * The write-stall watch may sit anywhere among the inbound handlers; it only hears writability changes.
 * TLS, pre-CONNACK limit, framer, decoder, write-stall watch, guard, connect timeout and the publish handlers
 * hold per-connection state and are new per channel; the others are shared.
 */
final class MqttChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger LOG = Logger.getLogger(MqttChannelInitializer.class);

    private final MqttServices services;
    private final SslContext tls;
    private final KeepAliveInstaller keepAlive = new KeepAliveInstaller();

    /** @param tls the TLS listener's context, or {@code null} for plain TCP */
    public MqttChannelInitializer(MqttServices services, SslContext tls) {
        this.services = services;
        this.tls = tls;
    }

    public MqttChannelInitializer(MqttServices services) {
        this(services, null);
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!admit(channel)) {
            return;
        }
        services.channels().add(channel);
        services.metrics().connectionOpened();
        channel.closeFuture().addListener(f -> services.metrics().connectionClosed());

        PublishResponder responder = new PublishResponder(channel, services.publishPipeline(),
                services.mqtt().receiveMaximum());
        ChannelPipeline p = channel.pipeline();
        if (tls != null) {
            p.addLast(HandlerNames.TLS, tls.newHandler(channel.alloc()));
            p.addLast(HandlerNames.TLS_HANDSHAKE, services.tlsHandshakeHandler());
        }
        p.addLast(HandlerNames.PRE_CONNACK_LIMIT, new PreConnackLimit(services.disconnector()));
        p.addLast(HandlerNames.FRAMER, new PacketFramer(services.maxMessageBytes(), services.disconnector()));
        p.addLast(HandlerNames.DECODER, new MqttDecoder(services.maxMessageBytes()));
        p.addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
        p.addLast(HandlerNames.WRITE_STALL, new WriteStall(services.writeStall(), services.disconnector(),
                services.metrics()));
        p.addLast(HandlerNames.CONNECT_TIMEOUT, new ConnectTimeoutHandler(services.connectTimeout(),
                services.disconnector()));
        p.addLast(HandlerNames.GUARD, new MqttMessageGuard(services.disconnector(), services.metrics(), keepAlive));
        p.addLast(HandlerNames.CONNECT, services.connectHandler());
        p.addLast(HandlerNames.KEEP_ALIVE, services.keepAliveHandler());
        p.addLast(HandlerNames.PING, services.pingHandler());
        p.addLast(HandlerNames.PUBLISH, new PublishHandler(services.publishService(), responder,
                services.disconnector(), services.rateLimiter(), services.mqtt().topicAliasMaximum()));
        p.addLast(HandlerNames.PUBREL, new PubRelHandler(responder));
        p.addLast(HandlerNames.SUBSCRIBE, services.subscribeHandler());
        p.addLast(HandlerNames.UNSUBSCRIBE, services.unsubscribeHandler());
        p.addLast(HandlerNames.DISCONNECT, services.disconnectHandler());
        p.addLast(HandlerNames.EXCEPTION, services.exceptionHandler());
    }

    /** Counts the socket against its address's limit; closes it (counted) when the address is over. */
    private boolean admit(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress remote) || remote.getAddress() == null) {
            return true;
        }
        InetAddress address = remote.getAddress();
        if (!services.ipLimiter().tryOpen(address)) {
            services.metrics().ipRefused();
            LOG.debugf("Refused a connection from %s: too many connections from that address", address);
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(f -> services.ipLimiter().closed(address));
        return true;
    }
}
