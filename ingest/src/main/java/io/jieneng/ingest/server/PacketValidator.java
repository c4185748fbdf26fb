package io.jieneng.ingest.server;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * The rules of MQTT 3.1.1 and 5 that MqttDecoder does not check, applied to every decoded packet before any
 * handler sees it. In particular the decoder turns invalid UTF-8 into U+FFFD instead of failing, so a string that
 * holds U+FFFD (or U+0000, MQTT-1.5.4-2) is taken as malformed; a device that literally sends U+FFFD in a client
 * id, user name or topic is refused with it, which no real one does.
 */
final class PacketValidator {

    /** A broken rule: the reason code the connection is closed with, and why. */
    record Violation(Disconnect reason, String why) {
    }

    private PacketValidator() {
    }

    /** The first rule {@code m} breaks, or {@code null}. */
    static Violation check(MqttMessage m) {
        if (m instanceof MqttConnectMessage connect) {
            return checkConnect(connect);
        }
        if (m instanceof MqttPublishMessage publish) {
            if (publish.fixedHeader().qosLevel() == MqttQoS.AT_MOST_ONCE && publish.fixedHeader().isDup()) {
                return malformed("DUP set on a QoS 0 PUBLISH");
            }
            return badString(publish.variableHeader().topicName(), "topic");
        }
        if (m instanceof MqttSubscribeMessage sub) {
            if (sub.payload().topicSubscriptions().isEmpty()) {
                return new Violation(Disconnect.PROTOCOL_ERROR, "SUBSCRIBE without a topic filter");
            }
            for (MqttTopicSubscription s : sub.payload().topicSubscriptions()) {
                Violation v = badString(s.topicFilter(), "topic filter");
                if (v != null) {
                    return v;
                }
            }
        }
        if (m instanceof MqttUnsubscribeMessage unsub) {
            if (unsub.payload().topics().isEmpty()) {
                return new Violation(Disconnect.PROTOCOL_ERROR, "UNSUBSCRIBE without a topic filter");
            }
            for (String topic : unsub.payload().topics()) {
                Violation v = badString(topic, "topic filter");
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static Violation checkConnect(MqttConnectMessage connect) {
        var header = connect.variableHeader();
        var payload = connect.payload();
        if (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain())) {
            return malformed("will QoS or retain set without a will (MQTT 3.1.1 §3.1.2.6)");
        }
        if (header.willQos() > 2) {
            return malformed("will QoS 3");
        }
        boolean mqtt311 = header.version() == MqttVersion.MQTT_3_1_1.protocolLevel();
        if (mqtt311 && header.hasPassword() && !header.hasUserName()) {
            return malformed("a password without a user name (MQTT 3.1.1 §3.1.2.9)");
        }
        Violation v = badString(payload.clientIdentifier(), "client id");
        if (v == null && header.hasUserName()) {
            v = badString(payload.userName(), "user name");
        }
        if (v == null && header.isWillFlag()) {
            v = badString(payload.willTopic(), "will topic");
        }
        return v;
    }

    private static Violation badString(String s, String what) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || c == '\u0000') {
                return malformed("invalid UTF-8 in the " + what);
            }
        }
        return null;
    }

    private static Violation malformed(String why) {
        return new Violation(Disconnect.MALFORMED_PACKET, why);
    }
}
