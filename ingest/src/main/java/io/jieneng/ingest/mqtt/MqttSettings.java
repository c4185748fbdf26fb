package io.jieneng.ingest.mqtt;

import java.time.Duration;

/**
 * What the server grants MQTT clients; MQTT 5 clients learn the first two from the CONNACK.
 *
 * @param receiveMaximum    QoS 1 and 2 messages a client may have unacknowledged on one connection (MQTT 5
 *                          §3.2.2.3.3); 1 to 65535
 * @param topicAliasMaximum the highest topic alias a client may use (MQTT 5 §3.2.2.3.8); 0 grants none
 * @param sessionExpiryMax  how long a persistent session outlives its connection at most: MQTT 5 clients ask for
 *                          less or are capped to it, MQTT 3.1.1 clean-session-false sessions get exactly this
 * @param maxStoredSessions sessions kept for disconnected clients; beyond it the expired go first, then the ones
 *                          closest to expiry
 */
public record MqttSettings(int receiveMaximum, int topicAliasMaximum, Duration sessionExpiryMax,
                           int maxStoredSessions) {

    public MqttSettings {
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be 1 to 65535");
        }
        if (topicAliasMaximum < 0 || topicAliasMaximum > 65_535) {
            throw new IllegalArgumentException("topicAliasMaximum must be 0 to 65535");
        }
    }
}
