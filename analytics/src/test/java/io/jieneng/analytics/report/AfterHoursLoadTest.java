package io.jieneng.analytics.report;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.calendar.HolidayTable;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AfterHoursLoadTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar CALENDAR = WorkingCalendar.standard(ZONE, HolidayTable.none());
    /** Monday 2025-03-03 00:00 to Wednesday 00:00: 48 hour buckets. */
    private static final BucketGrid GRID = BucketGrid.of(LocalDateTime.of(2025, 3, 3, 0, 0).atZone(ZONE).toInstant(),
            LocalDateTime.of(2025, 3, 5, 0, 0).atZone(ZONE).toInstant(), Interval.HOUR, ZONE);

    private static MeterSeries series(MeterType type, double[] energy, double[] export, int[] received,
                                      boolean[] estimated) {
        Meter m = new Meter(type.json(), "inst", type, type == MeterType.ELECTRICITY ? MeterRole.MAIN : null, null,
                null, 3600, null, null);
        return new MeterSeries(m, Map.of(ReadingField.ENERGY_KWH, energy, ReadingField.EXPORT_KWH, export), received,
                estimated);
    }

    private static double[] load(double working, double boundary, double after) {
        double[] kwh = new double[48];
        for (int i = 0; i < 48; i++) {
            int h = i % 24;
            kwh[i] = h >= 9 && h < 17 ? working : h == 8 || h == 17 ? boundary : after;
        }
        return kwh;
    }

    private static int[] everyHour() {
        int[] r = new int[48];
        Arrays.fill(r, 1);
        return r;
    }

    @Test
    void splitsTheBoundaryHoursAtHalfPastAndLeavesTheFirstAndLastBucketsOut() {
        MeterSeries main = series(MeterType.ELECTRICITY, load(30, 20, 10), new double[48], everyHour(),
                new boolean[48]);
        AfterHoursLoad a = AfterHoursLoad.of(List.of(main), GRID, CALENDAR, 0.4);
        // Two working days: 2 × 9 h of work; 46 measured hours in all.
        assertThat(a.workingHours()).isCloseTo(18.0, within(1e-9));
        assertThat(a.afterHours()).isCloseTo(28.0, within(1e-9));
        assertThat(a.workingMeanKw()).isCloseTo((2 * 8 * 30 + 4 * 0.5 * 20) / 18.0, within(1e-9));
        // Outside: 26 whole hours at 10 kW (the first and last buckets are left out) and 4 half hours at 20 kW.
        assertThat(a.afterHoursMeanKw()).isCloseTo((26 * 10 + 4 * 0.5 * 20) / 28.0, within(1e-9));
        assertThat(a.ratio()).isCloseTo(a.afterHoursMeanKw() / a.workingMeanKw(), within(1e-12));
        assertThat(a.threshold()).isEqualTo(0.4);
    }

    @Test
    void pvAddsToTheLoadAndExportSubtracts() {
        double[] pv = new double[48];
        pv[12] = 40;
        double[] export = new double[48];
        export[12] = 15;
        double[] imp = load(30, 20, 10);
        imp[12] = 5;
        MeterSeries main = series(MeterType.ELECTRICITY, imp, export, everyHour(), new boolean[48]);
        MeterSeries array = series(MeterType.PV, pv, new double[48], everyHour(), new boolean[48]);
        AfterHoursLoad a = AfterHoursLoad.of(List.of(main, array), GRID, CALENDAR, 0.4);
        // Hour 12 is 5 + 40 − 15 = 30 kWh of load, as every other working hour.
        assertThat(a.workingKwh()).isCloseTo(2 * 8 * 30 + 4 * 0.5 * 20, within(1e-9));
    }

    @Test
    void hoursWithAGapOrWithoutReadingsOnBothSidesDoNotCount() {
        boolean[] estimated = new boolean[48];
        Arrays.fill(estimated, 24, 48, true);
        int[] received = everyHour();
        MeterSeries main = series(MeterType.ELECTRICITY, load(30, 20, 10), new double[48], received, estimated);
        AfterHoursLoad a = AfterHoursLoad.of(List.of(main), GRID, CALENDAR, 0.4);
        assertThat(a.workingHours()).isCloseTo(9.0, within(1e-9));
        assertThat(a.afterHours()).isCloseTo(14.0, within(1e-9));

        int[] sparse = new int[48];
        sparse[0] = 1;
        sparse[1] = 1;
        AfterHoursLoad none = AfterHoursLoad.of(List.of(series(MeterType.ELECTRICITY, load(30, 20, 10),
                new double[48], sparse, new boolean[48])), GRID, CALENDAR, 0.4);
        assertThat(none.ratio()).isNull();
        assertThat(none.workingMeanKw()).isNull();
        assertThat(AfterHoursLoad.of(List.of(), GRID, CALENDAR, 0.4).ratio()).isNull();
    }
}
