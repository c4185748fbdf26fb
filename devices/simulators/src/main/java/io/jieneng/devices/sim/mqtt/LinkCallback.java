package io.jieneng.devices.sim.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.jboss.logging.Logger;

import java.util.Set;

/** Paho's callbacks for one {@link MqttLink}; they run on Paho's callback thread. */
final class LinkCallback implements MqttCallback {

    private static final Logger LOG = Logger.getLogger(MqttLink.class);

    private final String clientId;
    private final PublishStats stats;
    private final Set<PendingPublish> unacknowledged;
    private final Runnable progress;

    /**
     * @param unacknowledged the link's published, unacknowledged messages (a concurrent set)
     * @param progress       wakes the link's thread when an acknowledgement arrives or the connection changes
     */
    LinkCallback(String clientId, PublishStats stats, Set<PendingPublish> unacknowledged, Runnable progress) {
        this.clientId = clientId;
        this.stats = stats;
        this.unacknowledged = unacknowledged;
        this.progress = progress;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        stats.error("connection lost");
        LOG.warnf("%s lost its connection (%s); reconnecting", clientId, response);
        restoreTopicNames();
        progress.run();
    }

    /**
     * Paho 1.2.5 replaces the topic of a PUBLISH by a topic alias when the broker allows aliases, and after a
     * reconnect resends its unacknowledged messages as they are: alias only, although aliases do not survive the
     * connection. The broker then disconnects with a protocol error, forever (eclipse-paho/paho.mqtt.java issue
     * #1104). Before the automatic reconnect (at least a second later), give every unacknowledged PUBLISH its
     * topic back and drop the alias; the token holds the very message Paho will resend. Paho's own
     * getPendingTokens() is not enough: it leaves out tokens it already notified of an earlier drop.
     */
    private void restoreTopicNames() {
        for (PendingPublish p : unacknowledged) {
            if (p.token().getRequestMessage() instanceof MqttPublish publish) {
                publish.setTopicName(p.topic());
                publish.getProperties().setTopicAlias(null);
            }
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        stats.error("mqtt error " + exception.getReasonCode());
        LOG.errorf(exception, "%s: MQTT error", clientId);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // The simulator subscribes to nothing.
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        progress.run();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
            LOG.infof("%s reconnected to %s", clientId, serverUri);
        }
        progress.run();
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }
}
