package io.jieneng.ingest.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one reading object of one meter and checks it against that meter's rules. */
final class ReadingRules {

    private static final String TS = "ts";
    private static final int MAX_ECHO = 64;

    private final Meter meter;
    private final Set<ReadingField> allowed;
    private final long earliestMillis;
    private final long latestMillis;
    private final Duration maxAge;

    ReadingRules(Meter meter, ZoneId zone, Instant now, Duration maxFuture, Duration maxAge) {
        this.meter = meter;
        this.allowed = meter.type().allowedFields(meter.role());
        this.maxAge = maxAge;
        // The commissioning date is a local date: readings count from its first instant in the deployment zone.
        // Without one, the maximum age bounds ts below, so that no single reading (ts=0) makes the rollup job
        // recompute decades of meter-days; a meter commissioned longer ago may backfill back to that date.
        this.earliestMillis = meter.commissioned() == null ? now.toEpochMilli() - maxAge.toMillis()
                : meter.commissioned().atStartOfDay(zone).toInstant().toEpochMilli();
        this.latestMillis = now.toEpochMilli() + maxFuture.toMillis();
    }

    /** Reads the object the parser stands at ({@code START_OBJECT}) up to its {@code END_OBJECT}. */
    Reading readObject(JsonParser p, String path) throws IOException, Rejection {
        Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
        Long ts = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String at = path + "." + echo(name);
            if (TS.equals(name)) {
                if (ts != null) {
                    throw new Rejection(RejectReason.DUPLICATE_KEY, at + ": the key appears twice");
                }
                ts = timestamp(p, value, at);
                continue;
            }
            Optional<ReadingField> field = ReadingField.fromJsonName(name);
            if (field.isEmpty()) {
                throw new Rejection(RejectReason.UNKNOWN_FIELD, at + ": not a reading field");
            }
            if (!allowed.contains(field.get())) {
                throw new Rejection(RejectReason.FIELD_NOT_ALLOWED, at + ": a " + meter.type().json()
                        + (meter.role() == null ? "" : " " + meter.role().json()) + " meter may not send it");
            }
            if (values.put(field.get(), number(p, value, field.get(), at)) != null) {
                throw new Rejection(RejectReason.DUPLICATE_KEY, at + ": the key appears twice");
            }
        }
        if (ts == null) {
            throw new Rejection(RejectReason.MISSING_TS, path + ": the reading has no ts");
        }
        if (values.isEmpty()) {
            throw new Rejection(RejectReason.NO_VALUES, path + ": the reading carries no value");
        }
        checkTime(ts, path + ".ts");
        return Reading.of(meter.id(), ts, values);
    }

    private static double number(JsonParser p, JsonToken token, ReadingField field, String at)
            throws IOException, Rejection {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new Rejection(RejectReason.NOT_A_NUMBER, at + ": " + describe(token) + " is not a number");
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new Rejection(RejectReason.NON_FINITE, at + ": " + echo(p.getText()) + " is not finite");
        }
        if (field.isRegister() && v < 0) {
            throw new Rejection(RejectReason.NEGATIVE_REGISTER, at + ": a cumulative register cannot be " + v);
        }
        return v;
    }

    private static long timestamp(JsonParser p, JsonToken token, String at) throws IOException, Rejection {
        try {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT && !p.isNaN()) {
                // 1.7672256E12 is a valid way to write whole milliseconds; 1767225600000.5 is not.
                BigDecimal d = p.getDecimalValue();
                return d.longValueExact();
            }
            if (token == JsonToken.VALUE_STRING) {
                OffsetDateTime t = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(p.getText(), OffsetDateTime::from);
                if (t.getNano() % 1_000_000 != 0) {
                    throw new Rejection(RejectReason.INVALID_TS, at + ": finer than milliseconds");
                }
                return t.toInstant().toEpochMilli();
            }
        } catch (ArithmeticException | DateTimeException | IOException e) {
            // IOException here is Jackson's InputCoercionException for an integer beyond a long.
            throw new Rejection(RejectReason.INVALID_TS, at + ": " + echo(p.getText())
                    + " is neither epoch milliseconds nor ISO-8601 with an offset");
        }
        throw new Rejection(RejectReason.INVALID_TS, at + ": " + describe(token)
                + " is neither epoch milliseconds nor ISO-8601 with an offset");
    }

    private void checkTime(long ts, String at) throws Rejection {
        if (ts < 0) {
            throw new Rejection(RejectReason.INVALID_TS, at + ": " + ts + " is before 1970");
        }
        if (ts > latestMillis) {
            throw new Rejection(RejectReason.TS_IN_FUTURE, at + ": " + Instant.ofEpochMilli(ts)
                    + " is after " + Instant.ofEpochMilli(latestMillis));
        }
        if (ts < earliestMillis && meter.commissioned() != null) {
            throw new Rejection(RejectReason.TS_BEFORE_COMMISSIONED, at + ": " + Instant.ofEpochMilli(ts)
                    + " is before the meter was commissioned on " + meter.commissioned());
        }
        if (ts < earliestMillis) {
            throw new Rejection(RejectReason.TS_TOO_OLD, at + ": " + Instant.ofEpochMilli(ts) + " is more than "
                    + maxAge.toDays() + " days old (before " + Instant.ofEpochMilli(earliestMillis)
                    + "); set the meter's commissioned date in the registry to accept older readings, or raise "
                    + "JIENENG_INGEST_MAX_AGE_DAYS");
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "a number";
        };
    }

    // Device text echoed into the quarantine detail is bounded, so a hostile key cannot bloat it.
    private static String echo(String s) {
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "…";
    }
}
