package io.jieneng.ingest.server;

import io.jieneng.ingest.mqtt.connect.ConnectTimeoutHandler;
import io.jieneng.ingest.mqtt.publish.PubRelHandler;
import io.jieneng.ingest.mqtt.publish.PublishHandler;
import io.jieneng.ingest.mqtt.publish.PublishResponder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/**
 * Builds the pipeline of every MQTT connection. Ordering rules:
 * <ol>
 *   <li>the decoder is first, with an explicit maximum packet size; the keepalive IdleStateHandler is later
 *       inserted right behind it, so it sees whole packets;</li>
 *   <li>the guard comes before every packet handler: decoder failures and out-of-order packets never reach
 *       them, and packets read during authentication wait there;</li>
 *   <li>one handler per packet type; each passes on what is not its type;</li>
 *   <li>the exception handler is last, so every failure and every unhandled packet ends there.</li>
 * </ol>
 * Decoder, guard, connect timeout and the publish handlers hold per-connection state and are new per channel;
 * the others are shared.
 */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {

    private final MqttServices services;
    private final KeepAliveInstaller keepAlive = new KeepAliveInstaller();

    public MqttChannelInitializer(MqttServices services) {
        this.services = services;
    }

    @Override
    protected void initChannel(Channel channel) {
        services.channels().add(channel);
        services.metrics().connectionOpened();
        channel.closeFuture().addListener(f -> services.metrics().connectionClosed());

        PublishResponder responder = new PublishResponder(channel, services.publishPipeline());
        ChannelPipeline p = channel.pipeline();
        p.addLast(HandlerNames.DECODER, new MqttDecoder(services.maxMessageBytes()));
        p.addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
        p.addLast(HandlerNames.CONNECT_TIMEOUT, new ConnectTimeoutHandler(services.connectTimeout(),
                services.disconnector()));
        p.addLast(HandlerNames.GUARD, new MqttMessageGuard(services.disconnector(), services.metrics(), keepAlive));
        p.addLast(HandlerNames.CONNECT, services.connectHandler());
        p.addLast(HandlerNames.KEEP_ALIVE, services.keepAliveHandler());
        p.addLast(HandlerNames.PING, services.pingHandler());
        p.addLast(HandlerNames.PUBLISH, new PublishHandler(services.publishService(), responder,
                services.disconnector()));
        p.addLast(HandlerNames.PUBREL, new PubRelHandler(responder));
        p.addLast(HandlerNames.SUBSCRIBE, services.subscribeHandler());
        p.addLast(HandlerNames.DISCONNECT, services.disconnectHandler());
        p.addLast(HandlerNames.EXCEPTION, services.exceptionHandler());
    }
}
