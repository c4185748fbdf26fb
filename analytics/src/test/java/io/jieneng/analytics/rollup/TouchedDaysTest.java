package io.jieneng.analytics.rollup;

import io.jieneng.analytics.rollup.TouchedDays.DayRun;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class TouchedDaysTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final EnumSet<ReadingField> IMPORT_EXPORT = EnumSet.of(ReadingField.ENERGY_KWH,
            ReadingField.EXPORT_KWH);

    @Test
    void aChangeReachesFromTheReadingBeforeItToTheReadingAfterIt() {
        List<Reading> rs = List.of(r("2026-03-10T23:45+08:00", 1.0, 1.0), r("2026-03-11T00:00+08:00", 2.0, 1.0),
                r("2026-03-11T00:15+08:00", 3.0, 1.0), r("2026-03-11T00:30+08:00", 4.0, 1.0));
        long[] span = new TouchedDays.Neighbours(rs, IMPORT_EXPORT).widen(t("2026-03-11T00:00+08:00"),
                t("2026-03-11T00:15+08:00"));
        assertThat(span).containsExactly(t("2026-03-10T23:45+08:00"), t("2026-03-11T00:30+08:00"));
    }

    @Test
    void afterAnOutageTheReachGoesBackToTheLastReadingBeforeIt() {
        List<Reading> rs = List.of(r("2026-03-07T12:00+08:00", 1.0, null), r("2026-03-11T09:00+08:00", 9.0, null));
        long[] span = new TouchedDays.Neighbours(rs, IMPORT_EXPORT).widen(t("2026-03-11T09:00+08:00"),
                t("2026-03-11T09:00+08:00"));
        TreeSet<LocalDate> days = new TreeSet<>();
        TouchedDays.addDays(span[0], span[1], SHANGHAI, days);
        assertThat(days).containsExactly(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 9),
                LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11));
    }

    @Test
    void eachRegisterHasItsOwnNeighboursAndTheWidestWins() {
        // exportKwh was last reported a day before the change, energyKwh 15 minutes before.
        List<Reading> rs = List.of(r("2026-03-10T08:00+08:00", 1.0, 5.0), r("2026-03-11T07:45+08:00", 2.0, null),
                r("2026-03-11T08:00+08:00", 3.0, 6.0), r("2026-03-11T08:15+08:00", 4.0, null),
                r("2026-03-12T08:00+08:00", 5.0, 7.0));
        long[] span = new TouchedDays.Neighbours(rs, IMPORT_EXPORT).widen(t("2026-03-11T08:00+08:00"),
                t("2026-03-11T08:00+08:00"));
        assertThat(span).containsExactly(t("2026-03-10T08:00+08:00"), t("2026-03-12T08:00+08:00"));
    }

    @Test
    void withoutNeighboursTheChangeReachesOnlyItself() {
        List<Reading> rs = List.of(r("2026-03-11T08:00+08:00", 3.0, 6.0), r("2026-03-11T08:00+08:00", 4.0, 6.0));
        long[] span = new TouchedDays.Neighbours(rs, IMPORT_EXPORT).widen(t("2026-03-11T08:00+08:00"),
                t("2026-03-11T08:00+08:00"));
        assertThat(span).containsExactly(t("2026-03-11T08:00+08:00"), t("2026-03-11T08:00+08:00"));
    }

    @Test
    void readingsWithoutTheRegisterAreNotItsNeighbours() {
        List<Reading> rs = new ArrayList<>(List.of(r("2026-03-10T08:00+08:00", 1.0, null),
                r("2026-03-11T08:00+08:00", 2.0, null)));
        Map<ReadingField, Double> power = new HashMap<>();
        power.put(ReadingField.POWER_KW, 3.0);
        rs.add(Reading.of("m", t("2026-03-11T07:59+08:00"), power));
        long[] span = new TouchedDays.Neighbours(rs, EnumSet.of(ReadingField.ENERGY_KWH))
                .widen(t("2026-03-11T08:00+08:00"), t("2026-03-11T08:00+08:00"));
        assertThat(span[0]).isEqualTo(t("2026-03-10T08:00+08:00"));
    }

    @Test
    void daysAreLocalDaysOfTheZone() {
        TreeSet<LocalDate> days = new TreeSet<>();
        // 23:30 UTC on the 10th is 07:30 on the 11th in Shanghai.
        TouchedDays.addDays(t("2026-03-10T23:30Z"), t("2026-03-11T15:59:59.999Z"), SHANGHAI, days);
        assertThat(days).containsExactly(LocalDate.of(2026, 3, 11));
    }

    @Test
    void runsAreConsecutiveDaysSplitAtTheLimit() {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int d : new int[]{1, 2, 3, 5, 6, 7, 8, 9, 20}) {
            days.add(LocalDate.of(2026, 3, d));
        }
        assertThat(TouchedDays.runs(days, 3)).containsExactly(
                new DayRun(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 4)),
                new DayRun(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 8)),
                new DayRun(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 10)),
                new DayRun(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 21)));
    }

    @Test
    void overlappingRangesMergeAndDisjointOnesStay() {
        List<long[]> merged = TouchedDays.merge(List.of(new long[]{10, 20}, new long[]{30, 40}, new long[]{15, 30},
                new long[]{50, 50}));
        assertThat(merged).containsExactly(new long[]{10, 40}, new long[]{50, 50});
    }

    private static Reading r(String time, Double energyKwh, Double exportKwh) {
        Map<ReadingField, Double> values = new HashMap<>();
        if (energyKwh != null) {
            values.put(ReadingField.ENERGY_KWH, energyKwh);
        }
        if (exportKwh != null) {
            values.put(ReadingField.EXPORT_KWH, exportKwh);
        }
        return Reading.of("m", t(time), values);
    }

    static long t(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant().toEpochMilli();
    }
}
