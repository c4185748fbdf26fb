package io.jieneng.devices.sim.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A reading as the JSON object of docs/CONTRACT.md §1: {@code {"ts": <epoch ms>, "energyKwh": ..., ...}}, with the
 * fields the reading carries, in {@link ReadingField} order. Numbers are written in plain decimal notation
 * ({@code 12345678.9}, never {@code 1.23456789E7}), so that every parser reads back the value that was rounded.
 */
public final class ReadingJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReadingJson() {
    }

    /** The reading as one UTF-8 JSON object. */
    public static byte[] encode(Reading reading) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("ts", reading.tsMillis());
            for (Map.Entry<ReadingField, Double> e : reading.values().entrySet()) {
                double v = e.getValue();
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(e.getKey() + " of " + reading.meterId() + " is " + v);
                }
                g.writeFieldName(e.getKey().jsonName());
                g.writeNumber(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
