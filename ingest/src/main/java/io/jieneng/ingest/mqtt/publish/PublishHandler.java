package io.jieneng.ingest.mqtt.publish;

import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.PacketHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * PUBLISH: copies the payload out of its buffer (released on return), lets the {@link PublishService} decide, and
 * the channel's {@link PublishResponder} carry it out. One per channel, because its responder holds the QoS 2
 * state of the connection.
 */
public final class PublishHandler extends PacketHandler {

    private final PublishService service;
    private final PublishResponder responder;
    private final Disconnector disconnector;

    public PublishHandler(PublishService service, PublishResponder responder, Disconnector disconnector) {
        super(MqttMessageType.PUBLISH);
        this.service = service;
        this.responder = responder;
        this.disconnector = disconnector;
    }

    @Override
    protected void handle(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttPublishMessage publish = (MqttPublishMessage) msg;
        String topic = publish.variableHeader().topicName();
        int qos = publish.fixedHeader().qosLevel().value();
        int packetId = publish.variableHeader().packetId();
        // The CONNACK grants no topic aliases (Topic Alias Maximum 0), so one is a protocol error (MQTT 5 §3.3.2.3.4).
        if (topic.isEmpty() || publish.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value()) != null) {
            disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID,
                    "topic aliases are not supported");
            return;
        }
        if (qos == 2 && responder.isAwaitingRelease(packetId)) {
            responder.repeatPubRec(packetId);
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(publish.payload());
        MqttSession session = MqttSession.of(ctx.channel());
        PublishOutcome outcome = service.evaluate(session.principal(), topic, payload);
        responder.respond(new PublishResponder.Inbound(qos, packetId, topic, payload), session, outcome);
    }
}
