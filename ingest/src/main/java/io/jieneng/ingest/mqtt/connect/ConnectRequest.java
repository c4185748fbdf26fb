package io.jieneng.ingest.mqtt.connect;

import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.Replies;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.util.UUID;

/**
 * What a CONNECT asks for, read once from the packet.
 *
 * @param clientId             the client id; a generated one when the client sent none ({@code assignedId})
 * @param cleanStart           MQTT 3.1.1 clean session, MQTT 5 clean start
 * @param requestedExpiry      MQTT 5 Session Expiry Interval in seconds (0 when absent; 0xFFFFFFFF = never)
 * @param clientMaxPacketBytes MQTT 5 Maximum Packet Size of the client, else {@link Replies#UNLIMITED}
 * @param refusal              a refusal that needs no credentials, or {@code null}
 */
record ConnectRequest(MqttVersion version, String clientId, boolean assignedId, int keepAliveSeconds,
                      boolean cleanStart, long requestedExpiry, int clientMaxPacketBytes,
                      boolean problemInformation, String username, byte[] password, ConnectRefusal refusal) {

    static ConnectRequest of(MqttConnectMessage connect) {
        var header = connect.variableHeader();
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(header.name(), (byte) header.version());
        MqttProperties props = header.properties();
        String clientId = connect.payload().clientIdentifier();
        // An empty client id names no session: a unique one keeps two such connections from taking each other over.
        boolean assign = clientId.isEmpty();
        Integer receiveMaximum = intProperty(props, MqttPropertyType.RECEIVE_MAXIMUM);
        Integer maxPacket = intProperty(props, MqttPropertyType.MAXIMUM_PACKET_SIZE);
        Integer expiry = intProperty(props, MqttPropertyType.SESSION_EXPIRY_INTERVAL);
        Integer problemInfo = intProperty(props, MqttPropertyType.REQUEST_PROBLEM_INFORMATION);
        ConnectRefusal refusal = null;
        if (version != MqttVersion.MQTT_3_1_1 && version != MqttVersion.MQTT_5) {
            refusal = ConnectRefusal.UNSUPPORTED_PROTOCOL;
        } else if (version == MqttVersion.MQTT_3_1_1 && assign && !header.isCleanSession()) {
            refusal = ConnectRefusal.CLIENT_ID_REJECTED;
        } else if (props.getProperty(MqttPropertyType.AUTHENTICATION_METHOD.value()) != null) {
            refusal = ConnectRefusal.BAD_AUTHENTICATION_METHOD;
        } else if (Integer.valueOf(0).equals(receiveMaximum) || Integer.valueOf(0).equals(maxPacket)
                || problemInfo != null && problemInfo > 1) {
            // MQTT 5 §3.1.2.11.3, §3.1.2.11.4, §3.1.2.11.7.
            refusal = ConnectRefusal.PROTOCOL_ERROR;
        }
        long maxPacketBytes = maxPacket == null ? Replies.UNLIMITED : Integer.toUnsignedLong(maxPacket);
        return new ConnectRequest(version, assign ? "jieneng-" + UUID.randomUUID() : clientId, assign,
                header.keepAliveTimeSeconds(), header.isCleanSession(),
                expiry == null ? 0 : Integer.toUnsignedLong(expiry),
                (int) Math.min(maxPacketBytes, Replies.UNLIMITED), problemInfo == null || problemInfo != 0,
                header.hasUserName() ? connect.payload().userName() : null,
                header.hasPassword() ? connect.payload().passwordInBytes() : null, refusal);
    }

    boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    /**
     * How long the session outlives the connection, in seconds: 0 for a 3.1.1 clean session; the server's
     * maximum for a 3.1.1 persistent session, which names no interval; an MQTT 5 client's interval, capped by
     * the server's maximum.
     */
    long grantedExpiry(MqttSettings settings) {
        long max = settings.sessionExpiryMax().toSeconds();
        if (!isMqtt5()) {
            return cleanStart ? 0 : max;
        }
        return Math.min(requestedExpiry, max);
    }

    private static Integer intProperty(MqttProperties props, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : (Integer) p.value();
    }
}
