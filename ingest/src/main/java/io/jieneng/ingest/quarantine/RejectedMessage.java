package io.jieneng.ingest.quarantine;

import io.jieneng.ingest.reading.RejectReason;

import java.time.Instant;
import java.util.Objects;

/**
 * A refused MQTT message on its way to the quarantine.
 *
 * @param deviceId the authenticated device, or {@code null} for an anonymous connection
 * @param meterId  the meter the topic names, or {@code null} when it names none
 * @param detail   human text with the JSON path of the first problem
 * @param payload  the payload exactly as received
 */
public record RejectedMessage(Instant receivedAt, String deviceId, String meterId, String topic, RejectReason reason,
                              String detail, byte[] payload) {

    public RejectedMessage {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(payload, "payload");
    }
}
