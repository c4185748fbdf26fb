package io.jieneng.devices.sim.profile;

import io.jieneng.devices.calendar.HolidayTable;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.RegistryDocument;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The offices keep the holiday calendar: an official holiday on a weekday has the shape of a weekend, an adjusted
 * working day (调休上班) on a weekend the shape of a weekday. Compared with the same building under a calendar
 * without holidays, so weather and noise are the same on both sides.
 */
class HolidayScheduleTest {

    private static final RegistryDocument OFFICE = new RegistryDocument(null,
            List.of(new Institution("office", "Office", "320000", "government", 20_000.0, null)),
            List.of(TestRegistry.electricity("main", "office", MeterRole.MAIN, null)),
            null, List.of(), null, null, null);

    private static final SimulatedMeter WITH_HOLIDAYS = SimulatedFleet.of(OFFICE, 1, SiteCalendar.bundled())
            .meter("main").orElseThrow();
    private static final SimulatedMeter WEEKDAYS_ONLY = SimulatedFleet.of(OFFICE, 1,
            WorkingCalendar.standard(SiteTime.ZONE, HolidayTable.none())).meter("main").orElseThrow();

    @Test
    void nationalDayIsAtWeekendLevel() {
        LocalDate nationalDay = LocalDate.of(2025, 10, 1); // a Wednesday
        double holiday = dayKwh(WITH_HOLIDAYS, nationalDay);
        double ordinary = dayKwh(WEEKDAYS_ONLY, nationalDay);
        assertThat(holiday).isLessThan(0.5 * ordinary);
        // The Saturday of the week before, a weekend under both calendars, is the weekend level.
        double saturday = dayKwh(WITH_HOLIDAYS, LocalDate.of(2025, 9, 27));
        assertThat(holiday).isBetween(0.7 * saturday, 1.3 * saturday);
        // Registers are rounded to 0.001 kWh from different totals, hence the tolerance of two roundings.
        assertThat(dayKwh(WEEKDAYS_ONLY, LocalDate.of(2025, 9, 27))).isCloseTo(saturday, within(0.002));
    }

    @Test
    void adjustedWorkingWeekendsAreAtWeekdayLevel() {
        for (LocalDate adjusted : List.of(LocalDate.of(2025, 9, 28), LocalDate.of(2025, 10, 11))) {
            double working = dayKwh(WITH_HOLIDAYS, adjusted);
            double weekend = dayKwh(WEEKDAYS_ONLY, adjusted);
            assertThat(working).as(adjusted.toString()).isGreaterThan(2 * weekend);
            double friday = dayKwh(WITH_HOLIDAYS, adjusted.getDayOfWeek().getValue() == 7
                    ? adjusted.minusDays(2) : adjusted.minusDays(1));
            assertThat(working).as(adjusted.toString()).isBetween(0.7 * friday, 1.3 * friday);
        }
    }

    @Test
    void ordinaryDaysAreUnchangedByTheCalendar() {
        for (LocalDate d = LocalDate.of(2025, 3, 3); d.isBefore(LocalDate.of(2025, 3, 10)); d = d.plusDays(1)) {
            assertThat(dayKwh(WITH_HOLIDAYS, d)).as(d.toString()).isCloseTo(dayKwh(WEEKDAYS_ONLY, d), within(0.002));
        }
    }

    private static double dayKwh(SimulatedMeter m, LocalDate date) {
        long midnight = TestRegistry.midnight(date);
        return m.readingAt(midnight + 86_400_000L).energyKwh() - m.readingAt(midnight).energyKwh();
    }
}
