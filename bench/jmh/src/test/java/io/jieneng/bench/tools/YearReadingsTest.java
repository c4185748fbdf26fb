package io.jieneng.bench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YearReadingsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aYearOfQuarterHoursIs35041ReadingsFromLocalMidnightToLocalMidnight() {
        YearReadings year = YearReadings.of(1, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), 900_000, SHANGHAI);

        assertThat(year.count()).isEqualTo(35_041);
        assertThat(year.tsMillis(0)).isEqualTo(1_735_660_800_000L); // 2025-01-01T00:00+08:00
        assertThat(year.tsMillis(35_040)).isEqualTo(1_767_196_800_000L); // 2026-01-01T00:00+08:00
    }

    /** 30 tries: each generates up to 40 days of quarter-hour readings and parses every payload of them. */
    @Test
    void theRegisterOnlyGrowsAndThePayloadsCarryItExactly() {
        Property.check(30, r -> growsAndPayloadsCarryIt(Gen.intIn(r, 1, 60), Gen.intIn(r, 1, 40),
                Gen.intIn(r, 1, 1000)));
    }

    /** The first and last meter, one day and forty, one reading per message and a thousand. */
    @ParameterizedTest
    @CsvSource({"1, 1, 1", "60, 40, 1000", "1, 40, 1", "60, 1, 1000", "1, 1, 1000", "60, 40, 1", "7, 3, 96",
            "7, 3, 97"})
    void theRegisterOnlyGrowsAndThePayloadsCarryItExactly_edges(int meter, int days, int perMessage)
            throws Exception {
        growsAndPayloadsCarryIt(meter, days, perMessage);
    }

    private static void growsAndPayloadsCarryIt(int meter, int days, int perMessage) throws Exception {
        YearReadings series = YearReadings.of(meter, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1)
                .plusDays(days), 900_000, SHANGHAI);
        long[] wh = series.registerWh();
        for (int k = 1; k < wh.length; k++) {
            assertThat(wh[k]).isGreaterThan(wh[k - 1]);
        }
        List<byte[]> payloads = series.payloads(perMessage);
        int k = 0;
        for (byte[] p : payloads) {
            assertThat(p.length).isLessThanOrEqualTo(64 * 1024);
            JsonNode array = JSON.readTree(p);
            assertThat(array.size()).isLessThanOrEqualTo(perMessage);
            for (JsonNode r : array) {
                assertThat(r.get("ts").asLong()).isEqualTo(series.tsMillis(k));
                assertThat(new BigDecimal(r.get("energyKwh").asText()))
                        .isEqualByComparingTo(BigDecimal.valueOf(wh[k], 3));
                k++;
            }
        }
        assertThat(k).isEqualTo(series.count());
    }

    /** 20 tries: each generates a whole year of quarter-hour readings, 35,041 of them. */
    @Test
    void monthlyEnergiesAddUpToTheYear() {
        Property.check(20, r -> monthsAddUpToTheYear(Gen.intIn(r, 1, 60)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 60})
    void monthlyEnergiesAddUpToTheYear_edges(int meter) {
        monthsAddUpToTheYear(meter);
    }

    private static void monthsAddUpToTheYear(int meter) {
        YearReadings year = YearReadings.of(meter, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), 900_000,
                SHANGHAI);
        long[] wh = year.registerWh();
        long sum = 0;
        for (YearMonth m = YearMonth.of(2025, 1); m.isBefore(YearMonth.of(2026, 1)); m = m.plusMonths(1)) {
            sum += year.energyWhBetween(wh, m.atDay(1).atStartOfDay(SHANGHAI).toInstant().toEpochMilli(),
                    m.plusMonths(1).atDay(1).atStartOfDay(SHANGHAI).toInstant().toEpochMilli());
        }
        assertThat(sum).isEqualTo(wh[wh.length - 1] - wh[0]);
    }

    @Test
    void kwhHasExactlyThreeDecimals() {
        StringBuilder out = new StringBuilder();
        YearReadings.kwh(out, 100_007_005L);
        out.append(' ');
        YearReadings.kwh(out, 15_000L);
        out.append(' ');
        YearReadings.kwh(out, 12_345L);
        assertThat(out).hasToString("100007.005 15.000 12.345");
    }

    @Test
    void anInstantBetweenReadingsIsRefused() {
        YearReadings day = YearReadings.of(1, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2), 900_000, SHANGHAI);
        assertThatThrownBy(() -> day.energyWhBetween(day.registerWh(), day.fromMillis() + 1, day.toMillis()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
