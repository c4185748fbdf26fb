package io.jieneng.ingest.mqtt.publish;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.reading.RejectReason;

import java.util.List;

/** What becomes of one PUBLISH. */
public sealed interface PublishOutcome {

    /** Valid readings to store; acknowledged once durable. */
    record Accepted(List<Reading> readings) implements PublishOutcome {
    }

    /** A payload that fails validation: quarantined, then acknowledged (0x99 in MQTT 5). */
    record Invalid(RejectReason reason, String detail) implements PublishOutcome {
    }

    /** A topic the device may not publish to: quarantined, then 0x87 in MQTT 5 or the connection closed. */
    record Refused(RejectReason reason, String detail) implements PublishOutcome {
    }
}
