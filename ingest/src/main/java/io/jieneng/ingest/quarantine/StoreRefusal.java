package io.jieneng.ingest.quarantine;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.ingest.reading.RejectReason;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The quarantine row of one reading the store refused after it was decoded and validated. Its message may hold
 * more readings, which were stored, so the row keeps just this reading, written back as the contract's reading
 * object, with the store's own message as the detail. The device that sent it is no longer known at this point.
 */
public final class StoreRefusal {

    private StoreRefusal() {
    }

    public static RejectedMessage of(Reading reading, String storeMessage, Instant now) {
        return new RejectedMessage(now, null, reading.meterId(), "meters/" + reading.meterId() + "/readings",
                RejectReason.STORE_REFUSED, "the store refused the reading at ts=" + reading.tsMillis() + ": "
                + storeMessage, json(reading).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"ts":...,"energyKwh":...}}: field names are fixed identifiers and values finite doubles. */
    static String json(Reading reading) {
        StringBuilder sb = new StringBuilder("{\"ts\":").append(reading.tsMillis());
        for (Map.Entry<ReadingField, Double> e : reading.values().entrySet()) {
            sb.append(",\"").append(e.getKey().jsonName()).append("\":").append(e.getValue().doubleValue());
        }
        return sb.append('}').toString();
    }
}
