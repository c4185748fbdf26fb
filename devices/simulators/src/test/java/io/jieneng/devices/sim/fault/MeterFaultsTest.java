package io.jieneng.devices.sim.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.sim.payload.Payload;
import io.jieneng.devices.sim.payload.PayloadChunker;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each fault's effect on a meter's live messages, on synthetic register series. */
class MeterFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_767_225_600_000L;
    private static final long STEP = 10_000L;

    // Fewer tries than the default: a try writes and parses back up to 80 JSON messages, and the default
    // count made this class take 18 s.

    @Test
    void skewShiftsEveryTimestampAndKeepsTheSpacing() {
        Property.check(200, r -> skewShiftsAndKeepsSpacing(increments(r), Gen.longIn(r, -3_600_000, 3_600_000)));
    }

    /** The largest skews either way and none, on one reading and on the longest series. */
    @ParameterizedTest
    @CsvSource({"1, 0.0, -3600000", "1, 50.0, 3600000", "40, 0.0, 0", "40, 50.0, -3600000", "40, 0.001, 3600000"})
    void skewShiftsEveryTimestampAndKeepsTheSpacing_edges(int count, double increment, long skew) {
        skewShiftsAndKeepsSpacing(Collections.nCopies(count, increment), skew);
    }

    private static void skewShiftsAndKeepsSpacing(List<Double> increments, long skew) {
        List<Reading> truth = series(increments);
        MeterFaults f = faults();
        f.inject(new Fault(FaultKind.SKEW, "m1", skew));
        List<Reading> sent = readingsOf(sendAll(f, truth));
        assertThat(sent).hasSameSizeAs(truth);
        for (int i = 0; i < truth.size(); i++) {
            assertThat(sent.get(i).tsMillis()).isEqualTo(truth.get(i).tsMillis() + skew);
            assertThat(sent.get(i).energyKwh()).isEqualTo(truth.get(i).energyKwh());
            if (i > 0) {
                assertThat(sent.get(i).tsMillis() - sent.get(i - 1).tsMillis())
                        .isEqualTo(truth.get(i).tsMillis() - truth.get(i - 1).tsMillis());
            }
        }
    }

    @Test
    void duplicatesSendEveryMessageTwiceAndLeaveTheSeriesAlone() {
        Property.check(200, r -> duplicatesLeaveTheSeriesAlone(increments(r)));
    }

    /** One reading, and the longest series of equal readings (whose messages differ only in their ts). */
    @ParameterizedTest
    @CsvSource({"1, 0.0", "1, 50.0", "40, 0.0", "40, 50.0"})
    void duplicatesSendEveryMessageTwiceAndLeaveTheSeriesAlone_edges(int count, double increment) {
        duplicatesLeaveTheSeriesAlone(Collections.nCopies(count, increment));
    }

    private static void duplicatesLeaveTheSeriesAlone(List<Double> increments) {
        List<Reading> truth = series(increments);
        MeterFaults f = faults();
        f.inject(new Fault(FaultKind.DUPLICATES, "m1", 0));
        List<Payload> sent = sendAll(f, truth);
        assertThat(sent).hasSize(2 * truth.size());
        for (int i = 0; i < truth.size(); i++) {
            assertThat(sent.get(2 * i).json()).isEqualTo(sent.get(2 * i + 1).json());
        }
        List<Reading> distinct = readingsOf(sent).stream().distinct().toList();
        assertThat(distinct).isEqualTo(truth);
        assertThat(f.duplicatesSent()).isEqualTo(truth.size());
    }

    @Test
    void afterAResetThePlatformRuleStillCountsEveryKwh() {
        Property.check(200, r -> resetStillCountsEveryKwh(increments(r), Gen.intIn(r, 0, 30)));
    }

    /** A reset at the first reading, at the last, past the end, with no consumption and with the most. */
    @ParameterizedTest
    @CsvSource({"1, 0.0, 0", "1, 50.0, 1", "1, 50.0, 30", "40, 0.0, 0", "40, 50.0, 30", "30, 50.0, 30",
            "2, 0.001, 1"})
    void afterAResetThePlatformRuleStillCountsEveryKwh_edges(int count, double increment, int resetAt) {
        resetStillCountsEveryKwh(Collections.nCopies(count, increment), resetAt);
    }

    private static void resetStillCountsEveryKwh(List<Double> increments, int resetAt) {
        List<Reading> truth = series(increments);
        int at = Math.min(resetAt, truth.size() - 1);
        MeterFaults f = faults();
        List<Reading> sent = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            if (i == at) {
                f.inject(new Fault(FaultKind.RESET, "m1", 0));
            }
            sent.addAll(readingsOf(f.apply(truth.get(i), truth.get(i).tsMillis())));
        }
        // The reading at the reset shows what was used since the previous one: near 0, never negative.
        double since = at == 0 ? 0.0 : truth.get(at).energyKwh() - truth.get(at - 1).energyKwh();
        assertThat(sent.get(at).energyKwh()).isCloseTo(since, within(1e-6)).isNotNegative();
        double platform = 0;
        for (int i = 1; i < sent.size(); i++) {
            double v0 = sent.get(i - 1).energyKwh();
            double v1 = sent.get(i).energyKwh();
            platform += v1 >= v0 ? v1 - v0 : v1;
        }
        double expected = truth.get(truth.size() - 1).energyKwh() - truth.get(0).energyKwh();
        assertThat(platform).isCloseTo(expected, within(1e-6 * truth.size() + 2e-3));
        // Instantaneous values are not registers and are not touched.
        for (int i = 0; i < truth.size(); i++) {
            assertThat(sent.get(i).powerKw()).isEqualTo(truth.get(i).powerKw());
        }
    }

    @Test
    void aResetBelowTheFirstReadingStillStartsAtZero() {
        MeterFaults f = faults();
        f.inject(new Fault(FaultKind.RESET, "m1", 0));
        List<Reading> truth = series(List.of(1.0, 2.0));
        List<Reading> sent = readingsOf(sendAll(f, truth));
        assertThat(sent).extracting(Reading::energyKwh).containsExactly(0.0, 1.0, 3.0);
    }

    @Test
    void anOutageHoldsReadingsBackAndSendsThemAsOneLateBatch() {
        List<Reading> truth = series(java.util.Collections.nCopies(9, 0.5));
        MeterFaults f = faults();
        f.inject(new Fault(FaultKind.OUTAGE, "m1", 3 * STEP + 1));
        List<List<Payload>> perTick = new ArrayList<>();
        for (Reading r : truth) {
            perTick.add(f.apply(r, r.tsMillis()));
        }
        // Readings 0..3 fall inside the outage; at reading 4 the batch of 0..3 goes out, then 4 itself.
        for (int i = 0; i < 4; i++) {
            assertThat(perTick.get(i)).as("tick %d", i).isEmpty();
        }
        assertThat(perTick.get(4)).hasSize(2);
        assertThat(perTick.get(4).get(0).readings()).isEqualTo(4);
        assertThat(readingsOf(List.of(perTick.get(4).get(0)))).isEqualTo(truth.subList(0, 4));
        assertThat(readingsOf(List.of(perTick.get(4).get(1)))).containsExactly(truth.get(4));
        for (int i = 5; i < truth.size(); i++) {
            assertThat(readingsOf(perTick.get(i))).containsExactly(truth.get(i));
        }
        assertThat(f.heldBack()).isZero();
    }

    @Test
    void garbageReplacesExactlyEveryNthMessage() {
        Property.check(100, r -> garbageReplacesEveryNth(Gen.intIn(r, 2, 7), increments(r)));
    }

    /** Every 2nd and every 7th message, on one reading (no garbage yet) and on the longest series. */
    @ParameterizedTest
    @CsvSource({"2, 1", "7, 1", "2, 40", "7, 40", "7, 6"})
    void garbageReplacesExactlyEveryNthMessage_edges(int n, int count) {
        garbageReplacesEveryNth(n, Collections.nCopies(count, 0.5));
    }

    private static void garbageReplacesEveryNth(int n, List<Double> increments) {
        List<Reading> truth = series(increments);
        MeterFaults f = faults();
        f.inject(new Fault(FaultKind.GARBAGE, "m1", n));
        List<Payload> sent = sendAll(f, truth);
        assertThat(sent).hasSameSizeAs(truth);
        int bad = 0;
        for (int i = 0; i < sent.size(); i++) {
            String json = new String(sent.get(i).json(), java.nio.charset.StandardCharsets.UTF_8);
            if ((i + 1) % n == 0) {
                bad++;
                assertThat(sent.get(i).readings()).isZero();
                if (bad % 2 == 1) {
                    assertThatThrownBy(() -> JSON.readTree(json)).as(json).isInstanceOf(IOException.class);
                } else {
                    assertThat(parse(json).get("energyKwh").asDouble()).isNegative();
                }
            } else {
                assertThat(readingsOf(List.of(sent.get(i)))).containsExactly(truth.get(i));
            }
        }
        assertThat(f.garbageSent()).isEqualTo(truth.size() / n);
    }

    @Test
    void clearEndsTheFaults() {
        List<Reading> truth = series(List.of(1.0, 1.0, 1.0));
        MeterFaults f = faults();
        f.inject(new Fault(FaultKind.DUPLICATES, "m1", 0));
        f.inject(new Fault(FaultKind.SKEW, "m1", 60_000));
        assertThat(f.apply(truth.get(0), T0)).hasSize(2);
        f.inject(new Fault(FaultKind.CLEAR, "m1", 0));
        assertThat(readingsOf(f.apply(truth.get(1), T0 + STEP))).containsExactly(truth.get(1));
    }

    @Test
    void aFaultForAnotherMeterIsRefused() {
        assertThatThrownBy(() -> faults().inject(Fault.parse("reset:m2"))).hasMessageContaining("m1");
        Faults all = new Faults(List.of("m1"), PayloadChunker.defaults());
        assertThatThrownBy(() -> all.inject(Fault.parse("reset:m9"))).hasMessageContaining("no meter 'm9'");
    }

    @Test
    void theConsoleInjectsValidLinesAndSkipsTheRest() {
        Faults all = new Faults(List.of("m1"), PayloadChunker.defaults());
        ControlConsole console = new ControlConsole(java.io.InputStream.nullInputStream(), all);
        assertThat(console.accept("fault duplicates m1")).isTrue();
        assertThat(console.accept("fault duplicates m9")).isFalse();
        assertThat(console.accept("fault wobble m1")).isFalse();
        assertThat(console.accept("# a comment")).isFalse();
        assertThat(console.accept("   ")).isFalse();
        Reading r = series(List.of(1.0)).get(0);
        assertThat(all.of("m1").orElseThrow().apply(r, r.tsMillis())).hasSize(2);
    }

    /** 1 to 40 register increments of 0 to 50 kWh, in Wh as a meter reports them. */
    private static List<Double> increments(Random r) {
        return Gen.listOf(r, 1, 40, x -> Gen.doubleIn(x, 0.0, 50.0, 3));
    }

    private static MeterFaults faults() {
        return new MeterFaults("m1", PayloadChunker.defaults());
    }

    /** A register starting at 12345.678 kWh advancing by the given increments, one reading every 10 s. */
    private static List<Reading> series(List<Double> increments) {
        List<Reading> out = new ArrayList<>();
        double v = 12_345.678;
        for (int i = 0; i <= increments.size(); i++) {
            if (i > 0) {
                v = Math.round((v + increments.get(i - 1)) * 1000) / 1000.0;
            }
            out.add(Reading.of("m1", T0 + i * STEP, Map.of(ReadingField.ENERGY_KWH, v,
                    ReadingField.POWER_KW, 3.0 + i)));
        }
        return out;
    }

    private static List<Payload> sendAll(MeterFaults f, List<Reading> readings) {
        List<Payload> out = new ArrayList<>();
        readings.forEach(r -> out.addAll(f.apply(r, r.tsMillis())));
        return out;
    }

    /** The readings in messages, as the ingest would decode them. */
    private static List<Reading> readingsOf(List<Payload> payloads) {
        List<Reading> out = new ArrayList<>();
        for (Payload p : payloads) {
            JsonNode root = parse(new String(p.json(), java.nio.charset.StandardCharsets.UTF_8));
            for (JsonNode n : root.isArray() ? root : List.of(root)) {
                out.add(Reading.of("m1", n.get("ts").asLong(), Map.of(
                        ReadingField.ENERGY_KWH, n.get("energyKwh").asDouble(),
                        ReadingField.POWER_KW, n.get("powerKw").asDouble())));
            }
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
