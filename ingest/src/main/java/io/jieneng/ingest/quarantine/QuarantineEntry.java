package io.jieneng.ingest.quarantine;

import java.time.Instant;

/**
 * One quarantined message as stored.
 *
 * @param id         increases with every message quarantined
 * @param deviceId   the authenticated meter or gateway, or {@code null} for an anonymous connection
 * @param meterId    the meter the topic names, or {@code null} when it names none
 * @param reason     the stable snake_case code of {@link io.jieneng.ingest.reading.RejectReason}
 * @param detail     human text with the JSON path of the first problem
 * @param payload    the payload as text, or {@code base64:} and its Base64 when it was not valid UTF-8 text
 */
public record QuarantineEntry(long id, Instant receivedAt, String deviceId, String meterId, String topic,
                              String reason,
                              String detail, String payload) {
}
