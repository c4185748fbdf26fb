package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.Backpressure;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.connect.Authenticator;
import io.jieneng.ingest.mqtt.connect.ConnectHandler;
import io.jieneng.ingest.mqtt.connect.DisconnectHandler;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.jieneng.ingest.mqtt.limit.RateLimiter;
import io.jieneng.ingest.mqtt.ping.KeepAliveHandler;
import io.jieneng.ingest.mqtt.ping.PingHandler;
import io.jieneng.ingest.mqtt.publish.PublishPipeline;
import io.jieneng.ingest.mqtt.publish.PublishService;
import io.jieneng.ingest.mqtt.session.SessionStore;
import io.jieneng.ingest.mqtt.subscribe.SubscribeHandler;
import io.jieneng.ingest.mqtt.subscribe.UnsubscribeHandler;
import io.netty.channel.group.ChannelGroup;

import java.time.Duration;

/**
 * What every connection's pipeline is built from: the shared (stateless, {@code @Sharable}) handlers, and the
 * services behind the per-channel ones.
 *
 * @param maxMessageBytes the largest MQTT packet the decoder takes (Remaining Length)
 */
public record MqttServices(int maxMessageBytes, Duration connectTimeout, Duration writeStall, MqttSettings mqtt,
                           IngestMetrics metrics,
                           Disconnector disconnector, ChannelGroup channels, IpConnectionLimiter ipLimiter,
                           RateLimiter rateLimiter, SessionStore sessions, ConnectHandler connectHandler,
                           KeepAliveHandler keepAliveHandler, PingHandler pingHandler,
                           SubscribeHandler subscribeHandler, UnsubscribeHandler unsubscribeHandler,
                           DisconnectHandler disconnectHandler, TlsHandshakeHandler tlsHandshakeHandler,
                           ExceptionHandler exceptionHandler, PublishService publishService,
                           PublishPipeline publishPipeline) {

    /**
     * The largest MQTT packet for a payload limit: twice the payload limit plus room for the longest topic. A
     * payload somewhat over its limit is thus still read, quarantined and answered with payload_too_large; only
     * a grossly oversized packet closes the connection (0x95 in MQTT 5).
     */
    public static int maxMessageBytes(int maxPayloadBytes) {
        long bytes = 2L * maxPayloadBytes + 65_536 + 1024;
        return (int) Math.min(bytes, 268_435_455);
    }

    /** Wires the shared handlers around the given services. */
    public static MqttServices create(int maxPayloadBytes, Duration connectTimeout, MqttSettings mqtt, Limits limits,
                                      IngestMetrics metrics, ChannelGroup channels, Authenticator authenticator,
                                      Backpressure backpressure, PublishService publishService,
                                      PublishPipeline publishPipeline, SessionStore sessions,
                                      RateLimiter rateLimiter) {
        Disconnector disconnector = publishPipeline.disconnector();
        int maxMessageBytes = maxMessageBytes(maxPayloadBytes);
        return new MqttServices(maxMessageBytes, connectTimeout, limits.writeStall(), mqtt, metrics, disconnector,
                channels,
                new IpConnectionLimiter(limits.maxConnectionsPerIp()), rateLimiter, sessions,
                new ConnectHandler(authenticator, metrics, maxMessageBytes, mqtt, sessions, disconnector),
                new KeepAliveHandler(backpressure, disconnector), new PingHandler(), new SubscribeHandler(),
                new UnsubscribeHandler(), new DisconnectHandler(mqtt, disconnector),
                new TlsHandshakeHandler(metrics), new ExceptionHandler(disconnector, metrics), publishService,
                publishPipeline);
    }
}
