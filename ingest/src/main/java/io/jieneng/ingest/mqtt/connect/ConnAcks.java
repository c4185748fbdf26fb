package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.mqtt.MqttSettings;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;

/** The CONNACK that accepts a connection, and what it grants. */
final class ConnAcks {

    private final int maxPacketBytes;
    private final MqttSettings settings;

    ConnAcks(int maxPacketBytes, MqttSettings settings) {
        this.maxPacketBytes = maxPacketBytes;
        this.settings = settings;
    }

    MqttSettings settings() {
        return settings;
    }

    /**
     * The CONNACK that accepts {@code request}. MQTT 5 clients learn the server's limits (packet size, Receive
     * Maximum, topic aliases), that subscriptions are not offered, the session expiry when it was capped, and a
     * client id the server assigned.
     */
    MqttConnAckMessage accepted(ConnectRequest request, boolean sessionPresent, long grantedExpiry) {
        MqttMessageBuilders.ConnAckBuilder ack = MqttMessageBuilders.connAck().sessionPresent(sessionPresent)
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        if (request.isMqtt5()) {
            MqttMessageBuilders.ConnAckPropertiesBuilder props = new MqttMessageBuilders.ConnAckPropertiesBuilder()
                    .maximumPacketSize(maxPacketBytes)
                    .receiveMaximum(settings.receiveMaximum())
                    .wildcardSubscriptionAvailable(false)
                    .sharedSubscriptionAvailable(false)
                    .subscriptionIdentifiersAvailable(false);
            if (settings.topicAliasMaximum() > 0) {
                props.topicAliasMaximum(settings.topicAliasMaximum());
            }
            if (grantedExpiry != request.requestedExpiry()) {
                // MQTT 5 §3.2.2.3.2: the server tells the client the interval it uses instead of the requested one.
                props.sessionExpiryInterval(grantedExpiry);
            }
            if (request.assignedId()) {
                props.assignedClientId(request.clientId());
            }
            ack.properties(props.build());
        }
        return ack.build();
    }
}
