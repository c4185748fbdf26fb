package io.jieneng.ingest.reading;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingDecoderPropertyTest {

    static final Instant NOW = ReadingDecoderTest.NOW;
    static final ReadingDecoder DECODER = new ReadingDecoder(DecodeLimits.CONTRACT, ReadingDecoderTest.SHANGHAI);

    /** A meter, the readings it sends, and how they are written as JSON. */
    record Message(Meter meter, List<Reading> readings, String json) {
    }

    @Test
    void everyValidReadingRoundTripsExactly() {
        Property.forAll(Property.DEFAULT_TRIES, ReadingDecoderPropertyTest::message,
                ReadingDecoderPropertyTest::roundTrips);
    }

    /**
     * Every meter type with every field it allows at the extreme values, at the earliest and latest instant
     * allowed, written with the extreme offsets and as epoch milliseconds; the meter's commissioning day unknown.
     */
    @ParameterizedTest
    @EnumSource(MeterType.class)
    void everyValidReadingRoundTripsExactly_edges(MeterType type) {
        Meter meter = new Meter("m-" + type.json(), "inst", type, type == MeterType.ELECTRICITY ? MeterRole.SUB : null,
                null, null, 900, LocalDate.of(1971, 1, 1), null);
        long earliest = earliest(meter);
        long latest = latest();
        List<Reading> readings = new ArrayList<>();
        double[] values = {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE};
        for (double v : values) {
            Map<ReadingField, Double> map = new EnumMap<>(ReadingField.class);
            meter.type().allowedFields(meter.role()).forEach(f -> map.put(f, v));
            readings.add(Reading.of(meter.id(), readings.size() % 2 == 0 ? earliest : latest, map));
        }
        roundTrips(new Message(meter, readings, json(readings, List.of(-1, 14, -13, 0), true)));
        roundTrips(new Message(meter, readings.subList(0, 1), json(readings.subList(0, 1), List.of(-1), false)));
        Meter unknownDay = new Meter(meter.id(), "inst", type, meter.role(), null, null, 900, null, null);
        // Without a commissioning day, the oldest ts accepted is the maximum age (ts=0 no longer is).
        List<Reading> oldest = List.of(Reading.of(meter.id(), earliest(unknownDay), readings.get(0).values()));
        roundTrips(new Message(unknownDay, oldest, json(oldest, List.of(-1), false)));
    }

    private static void roundTrips(Message m) {
        DecodeResult r = DECODER.decode(m.meter(), m.json().getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(r).isEqualTo(new DecodeResult.Valid(m.readings()));
    }

    @Test
    void randomBytesAreDecodedOrRejectedButNeverThrow() {
        Property.check(r -> neverThrows(Gen.bytes(r, 0, 300), meter(r)));
    }

    /** Nothing at all, and the shortest beginnings of every JSON value. */
    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[", "}", "]", "[]", "{}", "null", "0", "\"", "[{}]", "{\"ts\":}", "-", "1e999"})
    void randomBytesAreDecodedOrRejectedButNeverThrow_edges(String payload) {
        for (MeterType type : MeterType.values()) {
            neverThrows(payload.getBytes(StandardCharsets.UTF_8),
                    new Meter("m", "inst", type, type == MeterType.ELECTRICITY ? MeterRole.MAIN : null, null, null,
                            900, null, null));
        }
    }

    private static void neverThrows(byte[] payload, Meter meter) {
        assertThat(DECODER.decode(meter, payload, NOW)).isNotNull();
    }

    @Test
    void damagedMessagesAreDecodedOrRejectedButNeverThrow() {
        Property.check(r -> damagedIsNeverThrown(message(r), Gen.intIn(r, 0, 10_000), (byte) Gen.intIn(r, -128, 127),
                r.nextBoolean()));
    }

    /** Truncated to nothing or by one byte; the first and last byte replaced by 0, -1 and a quote. */
    @ParameterizedTest
    @CsvSource({"0, 0, true", "-1, 0, true", "0, 0, false", "0, -1, false", "0, 34, false", "-1, 0, false",
            "-1, -1, false", "-1, 34, false", "10000, 127, false", "10000, -128, true"})
    void damagedMessagesAreDecodedOrRejectedButNeverThrow_edges(int position, byte replacement, boolean truncate) {
        Meter meter = new Meter("m-electricity", "inst", MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900, null,
                null);
        List<Reading> readings = List.of(Reading.of(meter.id(), NOW.toEpochMilli(),
                Map.of(ReadingField.ENERGY_KWH, 10234.5)));
        Message m = new Message(meter, readings, json(readings, List.of(8), true));
        int at = position < 0 ? m.json().length() - 1 : position;
        damagedIsNeverThrown(m, at, replacement, truncate);
    }

    private static void damagedIsNeverThrown(Message m, int position, byte replacement, boolean truncate) {
        byte[] bytes = m.json().getBytes(StandardCharsets.UTF_8);
        int at = position % bytes.length;
        byte[] damaged = truncate ? java.util.Arrays.copyOf(bytes, at) : bytes.clone();
        if (!truncate) {
            damaged[at] = replacement;
        }
        DecodeResult r = DECODER.decode(m.meter(), damaged, NOW);
        assertThat(r).isNotNull();
        if (truncate) {
            assertThat(r).isInstanceOf(DecodeResult.Invalid.class);
        }
    }

    /** Any type and role; commissioned on a day from 1971 to 2025, or (three times in ten) on no known day. */
    static Meter meter(Random r) {
        MeterType t = Gen.oneOf(r, MeterType.class);
        MeterRole role = Gen.oneOf(r, MeterRole.class);
        LocalDate commissioned = r.nextInt(10) < 3 ? null : LocalDate.of(1971, 1, 1).plusDays(Gen.intIn(r, 0, 20_000));
        return new Meter("m-" + t.json(), "inst", t, t == MeterType.ELECTRICITY ? role : null, null, null, 900,
                commissioned, null);
    }

    /** A meter and 1 to 20 readings it may send, as one object or an array, each ts written its own way. */
    static Message message(Random r) {
        Meter meter = meter(r);
        List<Reading> readings = Gen.listOf(r, 1, 20, x -> reading(x, meter));
        List<Integer> encodings = Gen.listOf(r, readings.size(), readings.size(), x -> Gen.intIn(x, -13, 14));
        return new Message(meter, readings, json(readings, encodings, r.nextBoolean() || readings.size() > 1));
    }

    private static long earliest(Meter meter) {
        // Without a commissioning date, the contract's maximum age bounds ts below.
        return meter.commissioned() == null ? NOW.toEpochMilli() - DecodeLimits.CONTRACT.maxAge().toMillis()
                : meter.commissioned().atStartOfDay(ReadingDecoderTest.SHANGHAI).toInstant().toEpochMilli();
    }

    private static long latest() {
        return NOW.toEpochMilli() + Duration.ofMinutes(5).toMillis();
    }

    /** A reading between commissioning (or the maximum age) and five minutes ahead of now, with a non-empty set of allowed fields. */
    private static Reading reading(Random r, Meter meter) {
        long ts = Gen.longIn(r, earliest(meter), latest());
        List<ReadingField> allowed = new ArrayList<>(meter.type().allowedFields(meter.role()));
        java.util.Collections.shuffle(allowed, r);
        Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
        for (ReadingField f : allowed.subList(0, Gen.intIn(r, 1, allowed.size()))) {
            values.put(f, value(r, f));
        }
        return Reading.of(meter.id(), ts, values);
    }

    /**
     * A decimal of up to 15 digits before the point and 2 after, any finite double bit pattern, or one of the
     * doubles that are hard to write; a register (a cumulative counter) is never negative.
     */
    private static double value(Random r, ReadingField field) {
        while (true) {
            double v = switch (r.nextInt(3)) {
                case 0 -> (r.nextBoolean() ? -1 : 1) * Gen.doubleIn(r, 0, 1e15, 2);
                case 1 -> Double.longBitsToDouble(r.nextLong());
                default -> Gen.oneOf(r, 0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 10234.5);
            };
            if (Double.isFinite(v) && !(field.isRegister() && v < 0)) {
                return v;
            }
        }
    }

    /** For each reading's encoding: -1 writes ts as epoch milliseconds, else as ISO-8601 with that hour offset. */
    private static String json(List<Reading> readings, List<Integer> encodings, boolean array) {
        StringBuilder out = new StringBuilder(array ? "[" : "");
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            out.append(i == 0 ? "" : ", ").append("{\"ts\": ");
            int enc = encodings.get(i);
            if (enc < 0) {
                out.append(r.tsMillis());
            } else {
                out.append('"').append(OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.tsMillis()),
                        ZoneOffset.ofHours(enc % 15))).append('"');
            }
            r.values().forEach((f, v) -> out.append(", \"").append(f.jsonName()).append("\": ").append(v));
            out.append('}');
        }
        return out.append(array ? "]" : "").toString();
    }
}
