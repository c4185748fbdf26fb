package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingPayloadTest {

    // Strict: a duplicate key or a trailing token would make the payload invalid for ingest.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Set<String> MAIN_METER_FIELDS = Set.of("ts", "energyKwh", "exportKwh", "powerKw");
    private static final long TS = 1_767_225_600_000L;

    @Test
    void aTwoHundredByteReadingIsOneContractObjectOfExactlyThatSizeWithEveryMainMeterField() throws IOException {
        byte[] message = new ReadingPayload(200, 1).encode(new MeterSeries(7), TS, 1);

        assertThat(message).hasSize(200);
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("{\"ts\": 1767225600000, \"energyKwh\": ").endsWith(" }");
        JsonNode reading = JSON.readTree(message);
        assertThat(reading.isObject()).isTrue();
        assertThat(fieldNames(reading)).containsExactly("ts", "energyKwh", "exportKwh", "powerKw");
        assertThat(reading.get("ts").isIntegralNumber()).isTrue();
        assertThat(reading.get("ts").longValue()).isEqualTo(TS);
        // "enough digits": six decimals on every value, as a class 0.5S meter reports.
        assertThat(reading.get("energyKwh").decimalValue().scale()).isEqualTo(6);
        assertThat(reading.get("powerKw").decimalValue()).isBetween(new BigDecimal("10"), new BigDecimal("100"));
    }

    @Test
    void smallReadingsDropExportThenPowerButAlwaysKeepTsAndEnergy() throws IOException {
        int min = ReadingPayload.MIN_READING_BYTES;
        assertThat(fieldNames(JSON.readTree(new ReadingPayload(min, 1).encode(new MeterSeries(1), TS, 1))))
                .containsExactly("ts", "energyKwh");
        assertThat(fieldNames(JSON.readTree(new ReadingPayload(80, 1).encode(new MeterSeries(1), TS, 1))))
                .containsExactly("ts", "energyKwh", "powerKw");
        assertThat(fieldNames(JSON.readTree(new ReadingPayload(99, 1).encode(new MeterSeries(1), TS, 1))))
                .containsExactly("ts", "energyKwh", "exportKwh", "powerKw");
    }

    /** 60 tries: each encodes and strictly parses three messages of up to 150 readings (up to 180 kB). */
    @Test
    void everyMessageIsAValidContractPayloadOfThePromisedSize() {
        Property.check(60, r -> validPayloadsOfThePromisedSize(Gen.intIn(r, 49, 400), Gen.intIn(r, 1, 150),
                Gen.intIn(r, 0, 100_000), Gen.intIn(r, 0, 60_000)));
    }

    /** The smallest and largest readings, one reading and the most, meter 0 and a step of zero. */
    @ParameterizedTest
    @CsvSource({"49, 1, 0, 0", "400, 150, 100000, 60000", "49, 150, 0, 60000", "400, 1, 100000, 0",
            "64, 2, 1, 1", "99, 100, 42, 900000"})
    void everyMessageIsAValidContractPayloadOfThePromisedSize_edges(int readingBytes, int readings, int meter,
                                                                     int stepMillis) throws IOException {
        validPayloadsOfThePromisedSize(readingBytes, readings, meter, stepMillis);
    }

    private static void validPayloadsOfThePromisedSize(int readingBytes, int readings, int meter, int stepMillis)
            throws IOException {
        ReadingPayload payload = new ReadingPayload(readingBytes, readings);
        MeterSeries series = new MeterSeries(meter);
        List<JsonNode> all = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            long first = TS + (long) m * readings * stepMillis;
            byte[] message = payload.encode(series, first, stepMillis);
            assertThat(message).hasSize(payload.messageBytes());
            assertThat(message.length).isLessThanOrEqualTo(ReadingPayload.MAX_MESSAGE_BYTES);
            JsonNode node = JSON.readTree(message);
            if (readings == 1) {
                assertThat(node.isObject()).isTrue();
                all.add(node);
            } else {
                assertThat(node.isArray()).isTrue();
                assertThat(node.size()).isEqualTo(readings);
                node.forEach(all::add);
            }
        }
        BigDecimal previousEnergy = BigDecimal.ZERO;
        for (int i = 0; i < all.size(); i++) {
            JsonNode r = all.get(i);
            assertThat(MAIN_METER_FIELDS).containsAll(fieldNames(r));
            assertThat(r.get("ts").longValue()).isEqualTo(TS + (long) i * stepMillis);
            BigDecimal energy = r.get("energyKwh").decimalValue();
            // A cumulative register: non-negative, and it never falls (a fall would read as a meter reset).
            assertThat(energy.signum()).isPositive();
            assertThat(energy).isGreaterThanOrEqualTo(previousEnergy);
            previousEnergy = energy;
            if (r.has("exportKwh")) {
                assertThat(r.get("exportKwh").decimalValue().signum()).isPositive();
            }
        }
    }

    @Test
    void sizesOutsideTheContractAreRefusedWithTheOptionToChange() {
        assertThatThrownBy(() -> new ReadingPayload(ReadingPayload.MIN_READING_BYTES - 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--payload-bytes must be at least");
        assertThatThrownBy(() -> new ReadingPayload(200, 10_001))
                .hasMessageContaining("--readings-per-message must be in [1, 10000]");
        // 400 readings of 200 bytes: 80,401 bytes, above 64 KiB.
        assertThatThrownBy(() -> new ReadingPayload(200, 400)).hasMessageContaining("above the contract's 64 KiB");
        assertThat(new ReadingPayload(100, 640).messageBytes()).isEqualTo(100 * 640 + 641);
    }

    @Test
    void aTimestampThatIsNotThirteenDigitsIsRefusedRatherThanWrittenWrong() {
        ReadingPayload payload = new ReadingPayload(100, 1);
        assertThatThrownBy(() -> payload.encode(new MeterSeries(0), 999_999_999_999L, 1))
                .hasMessageContaining("13 digits");
    }

    @Test
    void theEnergyRegisterGrowsByPowerTimesTheStep() {
        MeterSeries s = new MeterSeries(3);
        long energy = s.energyMicroKwh();
        long power = s.powerMicroKw();
        s.advance(3_600_000L);
        // One hour at P kW adds P kWh.
        assertThat(s.energyMicroKwh() - energy).isEqualTo(power);
        long again = s.energyMicroKwh();
        s.advance(0);
        assertThat(s.energyMicroKwh()).isEqualTo(again);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
