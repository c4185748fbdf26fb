package io.jieneng.devices.sim.payload;

import io.jieneng.devices.reading.Reading;

/**
 * One MQTT message body and the number of readings in it.
 *
 * @param json     UTF-8 JSON: one reading object, or an array of readings
 * @param readings how many readings {@code json} holds
 */
public record Payload(byte[] json, int readings) {

    /** A single reading, sent as a bare JSON object as in the contract's example. */
    public static Payload single(Reading reading) {
        return new Payload(ReadingJson.encode(reading), 1);
    }
}
