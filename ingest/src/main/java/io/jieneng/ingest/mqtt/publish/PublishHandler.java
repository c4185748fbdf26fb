package io.jieneng.ingest.mqtt.publish;

import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.jieneng.ingest.mqtt.limit.RateLimiter;
import io.jieneng.ingest.mqtt.limit.ReadThrottle;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;

/**
 * PUBLISH: resolves the topic (aliases), answers a resent QoS 2 message already stored, enforces the Receive
 * Maximum and the device's rate, copies the payload out of its buffer (released on return), lets the
 * {@link PublishService} decide, and the channel's {@link PublishResponder} carry it out. One per channel: it
 * holds the connection's topic aliases and rate throttle.
 */
public final class PublishHandler extends PacketHandler {

    private final PublishService service;
    private final PublishResponder responder;
    private final Disconnector disconnector;
    private final RateLimiter limiter;
    private final TopicAliases aliases;
    private ReadThrottle throttle;

    public PublishHandler(PublishService service, PublishResponder responder, Disconnector disconnector,
                          RateLimiter limiter, int topicAliasMaximum) {
        super(MqttMessageType.PUBLISH);
        this.service = service;
        this.responder = responder;
        this.disconnector = disconnector;
        this.limiter = limiter;
        this.aliases = new TopicAliases(topicAliasMaximum);
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttPublishMessage publish = (MqttPublishMessage) msg;
        MqttSession session = MqttSession.of(ctx.channel());
        int qos = publish.fixedHeader().qosLevel().value();
        int packetId = publish.variableHeader().packetId();
        MqttProperties.MqttProperty<?> alias = publish.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value());
        TopicAliases.Resolution topic = aliases.resolve(publish.variableHeader().topicName(),
                alias == null ? null : (Integer) alias.value());
        if (topic.problem() != null) {
            disconnector.disconnect(ctx.channel(), Disconnect.valueOf(topic.problem().reasonCode()), topic.why());
            return;
        }
        if (qos == 2 && session.persistent().isAwaitingRelease(packetId)) {
            responder.repeatPubRec(packetId);
            return;
        }
        if (!responder.admit(session, qos, packetId)) {
            disconnector.disconnect(ctx.channel(), Disconnect.RECEIVE_MAXIMUM_EXCEEDED,
                    "more unacknowledged QoS 1 and 2 messages than the Receive Maximum");
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(publish.payload());
        PublishResponder.Inbound in = new PublishResponder.Inbound(qos, packetId, topic.topic(), payload);
        RateLimiter.Verdict verdict = limiter.admit(session.principal().id(), session.isMqtt5() && qos > 0);
        if (verdict.refused()) {
            responder.refuseOverRate(in, session);
            return;
        }
        if (verdict.pauseNanos() > 0) {
            if (throttle == null) {
                throttle = new ReadThrottle(ctx.channel());
            }
            throttle.pauseFor(verdict.pauseNanos());
        }
        responder.respond(in, session, service.evaluate(session.principal(), topic.topic(), payload));
    }
}
