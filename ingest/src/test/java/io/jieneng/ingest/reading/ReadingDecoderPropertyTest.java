package io.jieneng.ingest.reading;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingDecoderPropertyTest {

    static final Instant NOW = ReadingDecoderTest.NOW;
    static final ReadingDecoder DECODER = new ReadingDecoder(DecodeLimits.CONTRACT, ReadingDecoderTest.SHANGHAI);

    /** A meter, the readings it sends, and how they are written as JSON. */
    record Message(Meter meter, List<Reading> readings, String json) {
    }

    @Property
    void everyValidReadingRoundTripsExactly(@ForAll("messages") Message m) {
        DecodeResult r = DECODER.decode(m.meter(), m.json().getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(r).isEqualTo(new DecodeResult.Valid(m.readings()));
    }

    @Property
    void randomBytesAreDecodedOrRejectedButNeverThrow(@ForAll @Size(max = 300) byte[] payload,
                                                      @ForAll("meters") Meter meter) {
        assertThat(DECODER.decode(meter, payload, NOW)).isNotNull();
    }

    @Property
    void damagedMessagesAreDecodedOrRejectedButNeverThrow(@ForAll("messages") Message m,
                                                         @ForAll @IntRange(max = 10_000) int position,
                                                         @ForAll byte replacement, @ForAll boolean truncate) {
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

    @Provide
    Arbitrary<Meter> meters() {
        Arbitrary<MeterType> types = Arbitraries.of(MeterType.class);
        Arbitrary<MeterRole> roles = Arbitraries.of(MeterRole.class);
        Arbitrary<LocalDate> commissioned = Arbitraries.integers().between(0, 20_000)
                .map(d -> LocalDate.of(1971, 1, 1).plusDays(d))
                .filter(d -> d.isBefore(LocalDate.of(2026, 3, 1)))
                .injectNull(0.3);
        return Combinators.combine(types, roles, commissioned).as((t, r, c) ->
                new Meter("m-" + t.json(), "inst", t, t == MeterType.ELECTRICITY ? r : null, null, null, 900, c, null));
    }

    @Provide
    Arbitrary<Message> messages() {
        return meters().flatMap(meter -> reading(meter).list().ofMinSize(1).ofMaxSize(20).flatMap(readings ->
                Combinators.combine(encodings(readings.size()), Arbitraries.of(true, false)).as((enc, array) ->
                        new Message(meter, readings, json(readings, enc, array || readings.size() > 1)))));
    }

    private Arbitrary<Reading> reading(Meter meter) {
        long earliest = meter.commissioned() == null ? 0
                : meter.commissioned().atStartOfDay(ReadingDecoderTest.SHANGHAI).toInstant().toEpochMilli();
        long latest = NOW.toEpochMilli() + Duration.ofMinutes(5).toMillis();
        Arbitrary<Long> ts = Arbitraries.longs().between(earliest, latest)
                .edgeCases(c -> c.includeOnly(earliest, latest));
        Set<ReadingField> allowed = meter.type().allowedFields(meter.role());
        Arbitrary<Map<ReadingField, Double>> values = Arbitraries.subsetOf(allowed).ofMinSize(1).flatMap(fields -> {
            List<ReadingField> order = new ArrayList<>(fields);
            return Combinators.combine(order.stream().map(f -> value(f)).toList()).as(vs -> {
                Map<ReadingField, Double> map = new EnumMap<>(ReadingField.class);
                for (int i = 0; i < order.size(); i++) {
                    map.put(order.get(i), vs.get(i));
                }
                return map;
            });
        });
        return Combinators.combine(ts, values).as((t, v) -> Reading.of(meter.id(), t, v));
    }

    private static Arbitrary<Double> value(ReadingField field) {
        Arbitrary<Double> any = Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 10234.5));
        return field.isRegister() ? any.filter(v -> !(v < 0)) : any;
    }

    /** For each reading: -1 writes ts as epoch milliseconds, else as ISO-8601 with that offset in hours. */
    private static Arbitrary<List<Integer>> encodings(int n) {
        return Arbitraries.integers().between(-13, 14).list().ofSize(n);
    }

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
