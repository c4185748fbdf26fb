package io.jieneng.devices.sim.payload;

import io.jieneng.devices.reading.Reading;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs readings into JSON-array messages within the limits of docs/CONTRACT.md §1: at most 64 KiB and 10,000 readings
 * each. Readings keep their order, and each message is a complete JSON array.
 */
public final class PayloadChunker {

    /** The contract's payload limit, bytes. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /** The contract's limit of readings in one message. */
    public static final int MAX_READINGS = 10_000;
    /** Readings per backfill message: about 45 KB for a main meter, well inside the byte limit. */
    public static final int DEFAULT_READINGS_PER_MESSAGE = 500;

    private final int maxReadings;
    private final int maxBytes;

    public PayloadChunker(int maxReadings, int maxBytes) {
        if (maxReadings < 1 || maxReadings > MAX_READINGS) {
            throw new IllegalArgumentException("readings per message must be in [1, " + MAX_READINGS + "]");
        }
        if (maxBytes < 64 || maxBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("bytes per message must be in [64, " + MAX_PAYLOAD_BYTES + "]");
        }
        this.maxReadings = maxReadings;
        this.maxBytes = maxBytes;
    }

    public static PayloadChunker defaults() {
        return new PayloadChunker(DEFAULT_READINGS_PER_MESSAGE, MAX_PAYLOAD_BYTES);
    }

    /**
     * The messages for {@code readings}, in order.
     *
     * @throws IllegalArgumentException when a single reading does not fit in a message
     */
    public List<Payload> chunk(List<Reading> readings) {
        List<Payload> messages = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream(maxBytes);
        int count = 0;
        for (Reading r : readings) {
            byte[] json = ReadingJson.encode(r);
            if (json.length + 2 > maxBytes) {
                throw new IllegalArgumentException("a reading of " + r.meterId() + " needs " + json.length
                        + " bytes, more than a message holds");
            }
            // The array needs one byte for the separating comma and one for the closing bracket.
            if (count == maxReadings || current.size() + 1 + json.length + 1 > maxBytes) {
                messages.add(close(current, count));
                current.reset();
                count = 0;
            }
            current.write(count == 0 ? '[' : ',');
            current.writeBytes(json);
            count++;
        }
        if (count > 0) {
            messages.add(close(current, count));
        }
        return messages;
    }

    private static Payload close(ByteArrayOutputStream message, int readings) {
        message.write(']');
        return new Payload(message.toByteArray(), readings);
    }
}
