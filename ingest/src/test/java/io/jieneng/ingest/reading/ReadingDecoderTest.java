package io.jieneng.ingest.reading;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.SubItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingDecoderTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final Meter MAIN = new Meter("gov-e-main", "inst", MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900,
            LocalDate.of(2025, 1, 1), null);
    static final Meter SUB = new Meter("gov-e-hvac", "inst", MeterType.ELECTRICITY, MeterRole.SUB, SubItem.HVAC,
            null, 900, null, null);
    static final Meter WATER = new Meter("gov-water", "inst", MeterType.WATER, null, null, null, 900, null, null);

    final ReadingDecoder decoder = new ReadingDecoder(new DecodeLimits(1024, 3, Duration.ofMinutes(5), Duration.ofDays(400)), SHANGHAI);

    DecodeResult decode(Meter meter, String json) {
        return decoder.decode(meter, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void decodesTheContractExample() {
        DecodeResult r = decode(MAIN, "{\"ts\": 1767225600000, \"energyKwh\": 10234.5, \"powerKw\": 12.3}");
        assertThat(r).isEqualTo(new DecodeResult.Valid(List.of(
                new Reading("gov-e-main", 1767225600000L, 10234.5, null, null, null, 12.3, null, null))));
    }

    @Test
    void decodesAnArrayAndIsoTimestampsWithOffsets() {
        DecodeResult r = decode(WATER, "[{\"ts\":\"2026-01-01T08:00:00+08:00\",\"volumeM3\":1},"
                + "{\"ts\":\"2026-01-01T00:15:00.250Z\",\"volumeM3\":1.5},{\"ts\":1.7672256E12,\"volumeM3\":0}]");
        assertThat(r).isEqualTo(new DecodeResult.Valid(List.of(
                new Reading("gov-water", 1767225600000L, null, null, 1.0, null, null, null, null),
                new Reading("gov-water", 1767226500250L, null, null, 1.5, null, null, null, null),
                new Reading("gov-water", 1767225600000L, null, null, 0.0, null, null, null, null))));
    }

    @Test
    void acceptsTheFirstInstantOfTheCommissioningDayInTheDeploymentZone() {
        // 2025-01-01T00:00+08:00 is 2024-12-31T16:00Z.
        assertThat(decode(MAIN, "{\"ts\":\"2024-12-31T16:00:00Z\",\"energyKwh\":1}"))
                .isInstanceOf(DecodeResult.Valid.class);
        assertInvalid(decode(MAIN, "{\"ts\":\"2024-12-31T15:59:59.999Z\",\"energyKwh\":1}"),
                RejectReason.TS_BEFORE_COMMISSIONED, "$.ts");
    }

    @Test
    void boundsTheTsOfAMeterWithoutCommissioningDateByTheMaximumAge() {
        long bound = NOW.toEpochMilli() - Duration.ofDays(400).toMillis();
        assertThat(decode(SUB, "{\"ts\":" + bound + ",\"energyKwh\":1}")).isInstanceOf(DecodeResult.Valid.class);
        assertInvalid(decode(SUB, "{\"ts\":" + (bound - 1) + ",\"energyKwh\":1}"), RejectReason.TS_TOO_OLD, "$.ts");
        DecodeResult epoch = decode(SUB, "[{\"ts\":" + NOW.toEpochMilli() + ",\"energyKwh\":1},"
                + "{\"ts\":0,\"energyKwh\":1}]");
        assertInvalid(epoch, RejectReason.TS_TOO_OLD, "$[1].ts");
        assertThat(((DecodeResult.Invalid) epoch).detail())
                .contains("1970-01-01T00:00:00Z is more than 400 days old").contains("commissioned").contains("JIENENG_INGEST_MAX_AGE_DAYS");
        // A commissioned meter may backfill past the maximum age, back to its commissioning date (2025-01-01).
        String older = "{\"ts\":\"2025-01-10T00:00:00+08:00\",\"energyKwh\":1}";
        assertThat(decode(MAIN, older)).isInstanceOf(DecodeResult.Valid.class);
        assertInvalid(decode(SUB, older), RejectReason.TS_TOO_OLD, "$.ts");
    }

    @Test
    void acceptsTsUpToTheFutureBoundAndNotOneMillisecondMore() {
        long bound = NOW.toEpochMilli() + 300_000;
        assertThat(decode(SUB, "{\"ts\":" + bound + ",\"energyKwh\":1}")).isInstanceOf(DecodeResult.Valid.class);
        assertInvalid(decode(SUB, "{\"ts\":" + (bound + 1) + ",\"energyKwh\":1}"), RejectReason.TS_IN_FUTURE, "$.ts");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "invalid_json | {\"ts\":@,\"energyKwh\":1 | $.energyKwh: Unexpected end-of-input",
            "invalid_json | [{\"ts\":@,\"energyKwh\":1x}] | $[0].energyKwh: Unexpected character",
            "invalid_json | {\"ts\":@,\"energyKwh\":1}} | byte 34",
            "invalid_json | 42 | $",
            "invalid_json | [{\"ts\":@,\"energyKwh\":1}, 3] | $[1]",
            "unknown_field | {\"ts\":@,\"energy\":1} | $.energy",
            "field_not_allowed | [{\"ts\":@,\"energyKwh\":1},{\"ts\":@,\"irradianceWm2\":1}] | $[1].irradianceWm2",
            "duplicate_key | {\"ts\":@,\"energyKwh\":1,\"energyKwh\":2} | $.energyKwh",
            "duplicate_key | {\"ts\":@,\"ts\":@,\"energyKwh\":2} | $.ts",
            "not_a_number | {\"ts\":@,\"energyKwh\":\"1\"} | $.energyKwh",
            "not_a_number | {\"ts\":@,\"powerKw\":null} | $.powerKw",
            "not_a_number | {\"ts\":@,\"powerKw\":[1]} | $.powerKw",
            "non_finite | {\"ts\":@,\"powerKw\":NaN} | $.powerKw",
            "non_finite | {\"ts\":@,\"powerKw\":-Infinity} | $.powerKw",
            "non_finite | {\"ts\":@,\"energyKwh\":1e400} | $.energyKwh",
            "negative_register | {\"ts\":@,\"energyKwh\":-0.5} | $.energyKwh",
            "no_values | {\"ts\":@} | $",
            "missing_ts | [{\"energyKwh\":1}] | $[0]",
            "invalid_ts | {\"ts\":\"2026-01-01T08:00:00\",\"energyKwh\":1} | $.ts",
            "invalid_ts | {\"ts\":\"yesterday\",\"energyKwh\":1} | $.ts",
            "invalid_ts | {\"ts\":@.5,\"energyKwh\":1} | $.ts",
            "invalid_ts | {\"ts\":99999999999999999999,\"energyKwh\":1} | $.ts",
            "invalid_ts | {\"ts\":true,\"energyKwh\":1} | $.ts",
            "invalid_ts | {\"ts\":-1,\"powerKw\":1} | $.ts",
            "invalid_ts | {\"ts\":\"2026-01-01T08:00:00.0000001+08:00\",\"energyKwh\":1} | $.ts",
            "ts_in_future | {\"ts\":\"2026-03-01T08:05:01+08:00\",\"energyKwh\":1} | $.ts",
            "ts_before_commissioned | {\"ts\":\"2024-12-31T23:59:59+08:00\",\"energyKwh\":1} | $.ts",
            "too_many_readings | [{\"ts\":@,\"powerKw\":1},{\"ts\":@,\"powerKw\":1},"
                    + "{\"ts\":@,\"powerKw\":1},{\"ts\":@,\"powerKw\":1}] | more than 3",
            "empty | [] | $",
            "empty | `  ` | empty",
    })
    void rejectsWithAStableReasonAndThePathOfTheFirstProblem(String code, String json, String path) {
        // '@' stands for a valid ts, 2026-01-01T00:00Z, to keep the rows short.
        DecodeResult r = decode(MAIN, json.replace("@", "1767225600000"));
        assertThat(r).isInstanceOf(DecodeResult.Invalid.class);
        DecodeResult.Invalid invalid = (DecodeResult.Invalid) r;
        assertThat(invalid.reason().code()).isEqualTo(code);
        assertThat(invalid.detail()).contains(path);
    }

    @Test
    void rejectsAWholeMessageWhenOneReadingIsBad() {
        assertInvalid(decode(MAIN, "[{\"ts\":1767225600000,\"energyKwh\":1},{\"ts\":1767225600000,\"energyKwh\":-1}]"),
                RejectReason.NEGATIVE_REGISTER, "$[1].energyKwh");
    }

    @Test
    void allowsNegativeInstantaneousValues() {
        Meter pv = new Meter("pv", "inst", MeterType.PV, null, null, 120.0, 900, null, null);
        assertThat(decode(pv, "{\"ts\":1767225600000,\"temperatureC\":-12.5,\"powerKw\":-0.1}"))
                .isEqualTo(new DecodeResult.Valid(List.of(
                        new Reading("pv", 1767225600000L, null, null, null, null, -0.1, null, -12.5))));
    }

    @Test
    void rejectsAPayloadLargerThanTheLimitBeforeParsingIt() {
        byte[] big = new byte[1025];
        assertInvalid(decoder.decode(MAIN, big, NOW), RejectReason.PAYLOAD_TOO_LARGE, "1025 bytes");
    }

    @Test
    void rejectsInvalidUtf8AndUtf16() {
        byte[] latin1 = "{\"ts\":1767225600000,\"energyKwh\":1,é}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(((DecodeResult.Invalid) decoder.decode(MAIN, latin1, NOW)).reason())
                .isEqualTo(RejectReason.INVALID_JSON);
        byte[] inName = "{\"ts\":1767225600000,\"énergie\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decoder.decode(MAIN, inName, NOW)).isInstanceOf(DecodeResult.Invalid.class);
        byte[] utf16 = "{\"ts\":1767225600000,\"energyKwh\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertInvalid(decoder.decode(MAIN, utf16, NOW), RejectReason.INVALID_JSON, "NUL");
    }

    static void assertInvalid(DecodeResult r, RejectReason reason, String detailPart) {
        assertThat(r).isInstanceOf(DecodeResult.Invalid.class);
        assertThat(((DecodeResult.Invalid) r).reason()).isEqualTo(reason);
        assertThat(((DecodeResult.Invalid) r).detail()).contains(detailPart);
    }
}
