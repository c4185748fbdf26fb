package io.jieneng.devices.sim.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadChunkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<List<Reading>> readings() {
        Arbitrary<Double> value = Arbitraries.doubles().between(0, 1e12).ofScale(3);
        Arbitrary<Reading> reading = Combinators.combine(
                Arbitraries.longs().between(0, 4_000_000_000_000L), value, value, value, value)
                .as((ts, energy, export, power, irradiance) -> {
                    Map<ReadingField, Double> v = new EnumMap<>(ReadingField.class);
                    v.put(ReadingField.ENERGY_KWH, energy);
                    v.put(ReadingField.EXPORT_KWH, export);
                    v.put(ReadingField.POWER_KW, power);
                    v.put(ReadingField.IRRADIANCE_WM2, irradiance);
                    return Reading.of("m", ts, v);
                });
        return reading.list().ofMaxSize(3000);
    }

    @Property(tries = 40)
    void chunksAreValidJsonArraysWithinTheContractLimitsAndKeepEveryReadingInOrder(
            @ForAll("readings") List<Reading> readings, @ForAll @IntRange(min = 1, max = 10_000) int maxReadings)
            throws IOException {
        List<Payload> messages = new PayloadChunker(maxReadings, PayloadChunker.MAX_PAYLOAD_BYTES).chunk(readings);
        List<Reading> decoded = new ArrayList<>();
        for (Payload message : messages) {
            assertThat(message.json().length).isLessThanOrEqualTo(64 * 1024);
            JsonNode array = JSON.readTree(message.json());
            assertThat(array.isArray()).isTrue();
            assertThat(array.size()).isBetween(1, Math.min(maxReadings, 10_000)).isEqualTo(message.readings());
            array.forEach(node -> decoded.add(decode(node)));
        }
        assertThat(decoded).isEqualTo(readings);
    }

    @Test
    void aMessageIsFilledUpToTheByteLimitButNotBeyond() throws IOException {
        Map<ReadingField, Double> v = new EnumMap<>(ReadingField.class);
        v.put(ReadingField.ENERGY_KWH, 123456789.123);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            readings.add(Reading.of("m", 1_767_225_600_000L + i, v));
        }
        List<Payload> messages = new PayloadChunker(10_000, PayloadChunker.MAX_PAYLOAD_BYTES).chunk(readings);
        assertThat(messages).hasSizeGreaterThan(1);
        byte[] first = messages.get(0).json();
        int readingBytes = ReadingJson.encode(readings.get(0)).length;
        assertThat(first.length).isLessThanOrEqualTo(65536).isGreaterThan(65536 - readingBytes - 2);
        assertThat(JSON.readTree(messages.get(messages.size() - 1).json()).isArray()).isTrue();
        assertThat(messages.stream().mapToInt(Payload::readings).sum()).isEqualTo(5000);
    }

    @Test
    void numbersAreWrittenInPlainDecimalNotation() {
        Map<ReadingField, Double> v = new EnumMap<>(ReadingField.class);
        v.put(ReadingField.ENERGY_KWH, 12345678.9);
        v.put(ReadingField.EXPORT_KWH, 0.0);
        v.put(ReadingField.POWER_KW, 1.5e-3);
        String json = new String(ReadingJson.encode(Reading.of("m", 1767225600000L, v)));
        assertThat(json).isEqualTo("{\"ts\":1767225600000,\"energyKwh\":12345678.9,\"exportKwh\":0,\"powerKw\":0.0015}");
    }

    @Test
    void limitsOutsideTheContractAreRefused() {
        assertThatThrownBy(() -> new PayloadChunker(10_001, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayloadChunker(500, 65537)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Reading decode(JsonNode node) {
        Map<ReadingField, Double> v = new EnumMap<>(ReadingField.class);
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("ts")) {
                BigDecimal exact = e.getValue().decimalValue();
                v.put(ReadingField.fromJsonName(e.getKey()).orElseThrow(), exact.doubleValue());
            }
        });
        return Reading.of("m", node.get("ts").longValue(), v);
    }
}
