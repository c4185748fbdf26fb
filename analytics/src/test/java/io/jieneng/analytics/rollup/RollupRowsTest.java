package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.store.RollupRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.rollup.TouchedDaysTest.t;
import static org.assertj.core.api.Assertions.assertThat;

class RollupRowsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Meter MAIN = new Meter("m", "i", MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900, null, null);

    @Test
    void everyHourGetsARowAndEveryDayTheSumOfItsHours() {
        // 28 and 29 March 2026 in Berlin: 24 hours, then 23 (spring forward).
        BucketGrid hours = BucketGrid.of(Instant.ofEpochMilli(t("2026-03-28T00:00+01:00")),
                Instant.ofEpochMilli(t("2026-03-30T00:00+02:00")), Interval.HOUR, BERLIN);
        int n = hours.size();
        double[] energy = new double[n];
        double[] export = new double[n];
        int[] received = new int[n];
        boolean[] estimated = new boolean[n];
        for (int i = 0; i < n; i++) {
            energy[i] = i + 0.5;
            export[i] = 0.25;
            received[i] = 4;
        }
        estimated[30] = true;
        MeterSeries s = new MeterSeries(MAIN, Map.of(ReadingField.ENERGY_KWH, energy, ReadingField.EXPORT_KWH, export),
                received, estimated);
        List<RollupRow> hourly = new ArrayList<>();
        List<RollupRow> daily = new ArrayList<>();
        RollupRows.fromHours(Map.of("m", s), hours, 42, hourly, daily);

        assertThat(n).isEqualTo(47);
        assertThat(hourly).hasSize(47);
        assertThat(hourly.get(24).startMillis()).isEqualTo(t("2026-03-29T00:00+01:00"));
        assertThat(hourly.get(24).values()).isEqualTo(Map.of("energyKwh", 24.5, "exportKwh", 0.25));
        assertThat(daily).hasSize(2);
        RollupRow first = daily.get(0);
        assertThat(first.startMillis()).isEqualTo(t("2026-03-28T00:00+01:00"));
        assertThat(first.values().get("energyKwh")).isEqualTo(24 * 23 / 2.0 + 24 * 0.5);
        assertThat(first.readings()).isEqualTo(96);
        assertThat(first.estimated()).isFalse();
        RollupRow second = daily.get(1);
        assertThat(second.readings()).isEqualTo(92);
        assertThat(second.values().get("exportKwh")).isEqualTo(23 * 0.25);
        assertThat(second.estimated()).isTrue();
        assertThat(second.computedAtMillis()).isEqualTo(42);
    }

    @Test
    void aRowFillsOnlyTheRegistersTheMeterHasAndAbsentValuesAreZero() {
        BucketSums sums = new BucketSums(EnumSet.of(ReadingField.ENERGY_KWH, ReadingField.EXPORT_KWH), 2);
        RollupRows.put(new RollupRow("m", 0, Map.of("energyKwh", 3.0, "volumeM3", 9.0), 2, true, 1), sums, 1);
        assertThat(sums.energy(ReadingField.ENERGY_KWH)).containsExactly(0.0, 3.0);
        assertThat(sums.energy(ReadingField.EXPORT_KWH)).containsExactly(0.0, 0.0);
        assertThat(sums.registers()).doesNotContain(ReadingField.VOLUME_M3);
        assertThat(sums.received()).containsExactly(0, 2);
        assertThat(sums.estimated()).containsExactly(false, true);
    }

    @Test
    void daysFoldIntoTheirMonths() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        BucketGrid months = BucketGrid.of(Instant.ofEpochMilli(t("2026-01-30T00:00+08:00")),
                Instant.ofEpochMilli(t("2026-02-02T00:00+08:00")), Interval.MONTH, shanghai);
        BucketGrid days = RollupCalendar.base(months);
        BucketSums sums = new BucketSums(EnumSet.of(ReadingField.VOLUME_M3), days.size());
        double[] v = sums.energy(ReadingField.VOLUME_M3);
        v[0] = 1;
        v[1] = 2;
        v[2] = 4;
        sums.received()[2] = 5;
        sums.estimated()[1] = true;
        BucketSums folded = sums.fold(days, months);
        assertThat(folded.energy(ReadingField.VOLUME_M3)).containsExactly(3.0, 4.0);
        assertThat(folded.received()).containsExactly(0, 5);
        assertThat(folded.estimated()).containsExactly(true, false);
    }
}
