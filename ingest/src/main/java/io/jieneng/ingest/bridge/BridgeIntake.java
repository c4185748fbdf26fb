package io.jieneng.ingest.bridge;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.mqtt.connect.DevicePrincipal;
import io.jieneng.ingest.mqtt.publish.PublishOutcome;
import io.jieneng.ingest.mqtt.publish.TopicAcl;
import io.jieneng.ingest.quarantine.RejectedMessage;
import io.jieneng.ingest.reading.RejectReason;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * What the bridge does with one message from the broker, through the same pipeline as the MQTT listener: the
 * topic names the meter, the meter must be in the registry, the payload is decoded and validated as for a device.
 * Valid readings go to the batch writer and the message is acknowledged upstream once they are durable; a refused
 * message is quarantined and acknowledged once its row is committed, so that a poison message does not come back
 * forever. When the core is shutting down the message is left unacknowledged, for the broker to resend. Knows
 * nothing of the MQTT client.
 */
final class BridgeIntake {

    private static final Logger LOG = Logger.getLogger(BridgeIntake.class);

    private final IngestCore core;

    BridgeIntake(IngestCore core) {
        this.core = core;
    }

    /**
     * Takes one message.
     *
     * @param acknowledge sends the upstream acknowledgement; runs on the writer or the quarantine thread, so it
     *                    must only hand work off
     */
    void accept(int qos, String topic, byte[] payload, Runnable acknowledge) {
        Optional<String> meter = TopicAcl.meterOf(topic);
        // The broker authenticated the device and enforced its ACL; what is left to check is that the topic names
        // a meter of the registry that may still send, which is what the bridge principal is allowed.
        DevicePrincipal device = new DevicePrincipal(meter.orElse(topic), DevicePrincipal.Kind.BRIDGE);
        PublishOutcome outcome = core.publish().evaluate(device, topic, payload);
        if (outcome instanceof PublishOutcome.Accepted accepted) {
            store(qos, accepted.readings(), acknowledge);
        } else if (outcome instanceof PublishOutcome.Invalid invalid) {
            quarantine(topic, meter, payload, invalid.reason(), invalid.detail(), acknowledge);
        } else if (outcome instanceof PublishOutcome.Refused refused) {
            quarantine(topic, meter, payload, refused.reason(), refused.detail(), acknowledge);
        }
    }

    private void store(int qos, List<Reading> readings, Runnable acknowledge) {
        int count = readings.size();
        try {
            // The Receive Maximum bounds what the broker has in flight to us, so the writer's watermark needs no
            // pause here: nothing more arrives until acknowledgements go out.
            core.writer().submit(readings, () -> {
                core.metrics().stored(qos, count);
                acknowledge.run();
            });
        } catch (IllegalStateException closing) {
            LOG.debug("Writer closing; a message is left unacknowledged for the broker to resend");
        }
    }

    private void quarantine(String topic, Optional<String> meter, byte[] payload, RejectReason reason, String detail,
                            Runnable acknowledge) {
        core.metrics().rejected(reason);
        RejectedMessage message = new RejectedMessage(core.clock().instant(), meter.orElse(null), meter.orElse(null),
                topic, reason, detail, payload);
        core.quarantine().submit(message).whenComplete((id, error) -> {
            if (error == null) {
                acknowledge.run();
            } else {
                LOG.debugf("Quarantine closing; a refused message is left unacknowledged: %s", error.toString());
            }
        });
    }
}
