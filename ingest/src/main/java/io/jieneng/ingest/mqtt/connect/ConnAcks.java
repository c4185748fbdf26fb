package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.mqtt.MqttSession;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;

/** The CONNECT checks that need no credentials, and the accepting CONNACK. */
final class ConnAcks {

    private final int maxPacketBytes;

    ConnAcks(int maxPacketBytes) {
        this.maxPacketBytes = maxPacketBytes;
    }

    /** A refusal that needs no authentication, or {@code null}. */
    static ConnectRefusal earlyRefusal(MqttVersion version, MqttConnectMessage connect) {
        if (version != MqttVersion.MQTT_3_1_1 && version != MqttVersion.MQTT_5) {
            return ConnectRefusal.UNSUPPORTED_PROTOCOL;
        }
        if (version == MqttVersion.MQTT_3_1_1 && connect.payload().clientIdentifier().isEmpty()
                && !connect.variableHeader().isCleanSession()) {
            return ConnectRefusal.CLIENT_ID_REJECTED;
        }
        if (version == MqttVersion.MQTT_5 && connect.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.AUTHENTICATION_METHOD.value()) != null) {
            return ConnectRefusal.BAD_AUTHENTICATION_METHOD;
        }
        return null;
    }

    /** The client's Request Problem Information (MQTT 5 §3.1.2.11.7); absent means yes. */
    static boolean wantsProblemInformation(MqttConnectMessage connect) {
        MqttProperties.MqttProperty<?> p = connect.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.REQUEST_PROBLEM_INFORMATION.value());
        return p == null || !Integer.valueOf(0).equals(p.value());
    }

    /**
     * The CONNACK that accepts {@code session}. No session state is kept between connections, so the session is
     * never present. MQTT 5 clients learn the packet size limit and that subscriptions are not offered.
     */
    MqttConnAckMessage accepted(MqttSession session, boolean assignedId) {
        MqttMessageBuilders.ConnAckBuilder ack = MqttMessageBuilders.connAck().sessionPresent(false)
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        if (session.isMqtt5()) {
            MqttMessageBuilders.ConnAckPropertiesBuilder props = new MqttMessageBuilders.ConnAckPropertiesBuilder()
                    .maximumPacketSize(maxPacketBytes)
                    .wildcardSubscriptionAvailable(false)
                    .sharedSubscriptionAvailable(false)
                    .subscriptionIdentifiersAvailable(false);
            if (assignedId) {
                props.assignedClientId(session.clientId());
            }
            ack.properties(props.build());
        }
        return ack.build();
    }
}
