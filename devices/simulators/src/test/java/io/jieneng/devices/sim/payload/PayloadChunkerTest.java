package io.jieneng.devices.sim.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadChunkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Up to 3,000 readings of four fields with three decimals, anywhere from 1970 to 2096. */
    private static List<Reading> readings(Random r) {
        return Gen.listOf(r, 0, 3000, x -> reading(Gen.longIn(x, 0, 4_000_000_000_000L), Gen.doubleIn(x, 0, 1e12, 3),
                Gen.doubleIn(x, 0, 1e12, 3), Gen.doubleIn(x, 0, 1e12, 3), Gen.doubleIn(x, 0, 1e12, 3)));
    }

    private static Reading reading(long ts, double energy, double export, double power, double irradiance) {
        Map<ReadingField, Double> v = new EnumMap<>(ReadingField.class);
        v.put(ReadingField.ENERGY_KWH, energy);
        v.put(ReadingField.EXPORT_KWH, export);
        v.put(ReadingField.POWER_KW, power);
        v.put(ReadingField.IRRADIANCE_WM2, irradiance);
        return Reading.of("m", ts, v);
    }

    /** 40 tries: a try chunks, writes and parses back up to 3,000 readings, up to 3,000 messages of them. */
    @Test
    void chunksAreValidJsonArraysWithinTheContractLimitsAndKeepEveryReadingInOrder() {
        Property.check(40, r -> chunksKeepEveryReadingInOrder(readings(r), Gen.intIn(r, 1, 10_000)));
    }

    /** No reading, one, and the most, in messages of one reading and of the most; values at their ends. */
    @ParameterizedTest
    @CsvSource({"0, 1, 0", "0, 10000, 0", "1, 1, 0", "1, 10000, 1000000000000", "3000, 1, 1000000000000",
            "3000, 10000, 0.001", "3000, 9999, 999999999999.999"})
    void chunksAreValidJsonArraysWithinTheContractLimitsAndKeepEveryReadingInOrder_edges(
            int count, int maxReadings, double value) throws IOException {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(reading(i % 2 == 0 ? 0 : 4_000_000_000_000L, value, value, value, value));
        }
        chunksKeepEveryReadingInOrder(readings, maxReadings);
    }

    private static void chunksKeepEveryReadingInOrder(List<Reading> readings, int maxReadings) throws IOException {
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
