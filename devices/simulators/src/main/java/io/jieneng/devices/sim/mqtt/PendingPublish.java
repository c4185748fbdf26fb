package io.jieneng.devices.sim.mqtt;

import io.jieneng.devices.sim.payload.Payload;
import org.eclipse.paho.mqttv5.client.IMqttToken;

/**
 * A published message whose PUBACK has not been accounted for yet. Compared by identity: the same payload may be
 * in flight twice when a transient refusal is retried.
 *
 * @param attempt 1 for the first publication, then counting retries after transient refusals
 * @param token   Paho's delivery token; its request message is the PUBLISH Paho resends after a reconnect
 */
record PendingPublish(String topic, Payload payload, int attempt, IMqttToken token) {

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
