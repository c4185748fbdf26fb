package io.jieneng.ingest.reading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes and validates the payload of a {@code meters/{meterId}/readings} message (docs/CONTRACT.md §1): one reading
 * object, or an array of them. A message with any invalid reading is rejected whole, with the reason and JSON
 * path of its first problem. Thread-safe and free of I/O; the streaming parser never builds a tree, so a 64 KiB
 * array of 10,000 readings costs one pass.
 */
public final class ReadingDecoder {

    // Non-numeric numbers (NaN, Infinity) are read so that they get the precise non_finite reason instead of a
    // generic syntax error; they are rejected all the same.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final DecodeLimits limits;
    private final ZoneId zone;

    /** @param zone the deployment time zone, in which a meter's {@code commissioned} date starts */
    public ReadingDecoder(DecodeLimits limits, ZoneId zone) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Decodes {@code payload} for {@code meter}. Never throws for any payload.
     *
     * @param now the server's current time, for the future and maximum-age bounds of {@code ts}
     */
    public DecodeResult decode(Meter meter, byte[] payload, Instant now) {
        if (payload.length > limits.maxPayloadBytes()) {
            return new DecodeResult.Invalid(RejectReason.PAYLOAD_TOO_LARGE,
                    "payload is " + payload.length + " bytes, at most " + limits.maxPayloadBytes() + " are allowed");
        }
        // UTF-8 JSON never contains a NUL byte; refusing it stops Jackson from guessing UTF-16 or UTF-32.
        for (byte b : payload) {
            if (b == 0) {
                return new DecodeResult.Invalid(RejectReason.INVALID_JSON, "payload is not UTF-8 JSON (NUL byte)");
            }
        }
        ReadingRules rules = new ReadingRules(meter, zone, now, limits.maxFuture(), limits.maxAge());
        try (JsonParser parser = JSON.createParser(payload)) {
            return new DecodeResult.Valid(readRoot(parser, rules));
        } catch (Rejection rejection) {
            return rejection.toResult();
        } catch (JsonProcessingException e) {
            return new DecodeResult.Invalid(RejectReason.INVALID_JSON, JsonErrors.describe(e));
        } catch (IOException e) {
            return new DecodeResult.Invalid(RejectReason.INVALID_JSON, String.valueOf(e.getMessage()));
        }
    }

    private List<Reading> readRoot(JsonParser p, ReadingRules rules) throws IOException, Rejection {
        JsonToken root = p.nextToken();
        List<Reading> readings = new ArrayList<>();
        if (root == null) {
            throw new Rejection(RejectReason.EMPTY, "payload is empty");
        } else if (root == JsonToken.START_OBJECT) {
            readings.add(rules.readObject(p, "$"));
        } else if (root == JsonToken.START_ARRAY) {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String path = "$[" + readings.size() + "]";
                if (readings.size() == limits.maxReadings()) {
                    throw new Rejection(RejectReason.TOO_MANY_READINGS,
                            "more than " + limits.maxReadings() + " readings in one message");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new Rejection(RejectReason.INVALID_JSON, path + ": a reading must be a JSON object");
                }
                readings.add(rules.readObject(p, path));
            }
            if (readings.isEmpty()) {
                throw new Rejection(RejectReason.EMPTY, "$: the array holds no reading");
            }
        } else {
            throw new Rejection(RejectReason.INVALID_JSON, "$: the payload must be an object or an array of objects");
        }
        if (p.nextToken() != null) {
            throw new Rejection(RejectReason.INVALID_JSON, "content after the end of the JSON value");
        }
        return readings;
    }
}
