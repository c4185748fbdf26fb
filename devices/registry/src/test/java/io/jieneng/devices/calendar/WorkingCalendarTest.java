package io.jieneng.devices.calendar;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled mainland-China calendar against the State Council's notices for 2025 (国办发明电〔2024〕12号) and
 * 2026 (2025-11-04), with the default hours Mon–Fri 08:30–17:30 in Asia/Shanghai.
 */
class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HolidayTable BUNDLED = CalendarFile.load(Optional.empty(), WorkingCalendar.MONDAY_TO_FRIDAY);
    private static final WorkingCalendar CN = WorkingCalendar.standard(SHANGHAI, BUNDLED);

    @Test
    void officialHolidaysAreDaysOffWhateverTheWeekday() {
        assertThat(CN.isWorkingDay(LocalDate.parse("2025-01-01"))).as("元旦, a Wednesday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2025-01-28"))).as("除夕 2025, a Tuesday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2025-02-04"))).as("正月初七 2025, last day").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2025-02-05"))).as("back at work").isTrue();
        assertThat(CN.isWorkingDay(LocalDate.parse("2025-10-08"))).as("8-day National Day + Mid-Autumn").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-01-02"))).as("元旦 2026, a Friday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-02-16"))).as("除夕 2026, a Monday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-02-23"))).as("正月初七 2026, a Monday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-02-24"))).isTrue();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-05-05"))).as("劳动节 2026, a Tuesday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-09-25"))).as("中秋节 2026, a Friday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-10-07"))).as("国庆节 2026, a Wednesday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-10-08"))).isTrue();
        assertThat(CN.officialDay(LocalDate.parse("2026-02-17")).orElseThrow().name()).isEqualTo("春节");
    }

    @Test
    void adjustedWorkingDaysAreWorkingDaysOnWeekends() {
        for (String d : new String[]{"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
            LocalDate date = LocalDate.parse(d);
            assertThat(date.getDayOfWeek().getValue()).as(d + " is a weekend day").isGreaterThanOrEqualTo(6);
            assertThat(CN.isWorkingDay(date)).as(d + " 调休上班").isTrue();
            assertThat(CN.officialDay(date).orElseThrow().kind()).isEqualTo(OfficialDay.Kind.WORKDAY);
        }
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-03-07"))).as("an ordinary Saturday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-03-08"))).as("an ordinary Sunday").isFalse();
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-03-09"))).as("an ordinary Monday").isTrue();
    }

    @Test
    void eachYearHas248WorkingDaysAsCountedByHand() {
        // 261 weekdays in both years; 2025: 18 weekday holidays, 5 adjusted days; 2026: 19 and 6.
        assertThat(workingDays(2025)).isEqualTo(248);
        assertThat(workingDays(2026)).isEqualTo(248);
        assertThat(CN.covers(2025)).isTrue();
        assertThat(CN.covers(2026)).isTrue();
        assertThat(CN.covers(2027)).isFalse();
    }

    @Test
    void anUncoveredYearFollowsTheWeekdaysAlone() {
        assertThat(CN.isWorkingDay(LocalDate.parse("2027-01-01"))).as("a Friday; no 2027 notice in the file")
                .isTrue();
        assertThat(CN.isWorkingDay(LocalDate.parse("2027-01-02"))).isFalse();
    }

    @Test
    void workingHoursAreLocalAndEndExclusive() {
        assertThat(CN.isWorkingTime(at("2026-03-09T08:29:59+08:00"))).isFalse();
        assertThat(CN.isWorkingTime(at("2026-03-09T08:30:00+08:00"))).isTrue();
        assertThat(CN.isWorkingTime(at("2026-03-09T17:29:59+08:00"))).isTrue();
        assertThat(CN.isWorkingTime(at("2026-03-09T17:30:00+08:00"))).isFalse();
        // 01:00 UTC is 09:00 in Shanghai: the zone, not UTC, decides.
        assertThat(CN.isWorkingTime(Instant.parse("2026-03-09T01:00:00Z"))).isTrue();
        assertThat(CN.isWorkingTime(at("2026-03-07T10:00:00+08:00"))).as("Saturday").isFalse();
        assertThat(CN.isWorkingTime(at("2026-02-14T10:00:00+08:00"))).as("adjusted Saturday").isTrue();
        assertThat(CN.isWorkingTime(at("2026-02-17T10:00:00+08:00"))).as("Spring Festival").isFalse();

        assertThat(CN.workingHours(LocalDate.parse("2026-03-09"))).containsExactly(new WorkingCalendar.Span(
                at("2026-03-09T08:30:00+08:00"), at("2026-03-09T17:30:00+08:00")));
        assertThat(CN.workingHours(LocalDate.parse("2026-03-07"))).isEmpty();
    }

    @Test
    void workingTimeBetweenCountsOnlyWorkingHoursOfWorkingDays() {
        // Fri 2026-02-13 08:00 to Tue 2026-02-24 09:00: Fri 9 h, adjusted Sat 02-14 9 h, holiday until Mon 02-23,
        // Tue 02-24 08:30-09:00 0.5 h.
        assertThat(CN.workingTimeBetween(at("2026-02-13T08:00:00+08:00"), at("2026-02-24T09:00:00+08:00")))
                .isEqualTo(Duration.ofMinutes(18 * 60 + 30));
        assertThat(CN.workingTimeBetween(at("2026-03-09T08:00:00+08:00"), at("2026-03-09T09:00:00+08:00")))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(CN.workingTimeBetween(at("2026-03-09T17:00:00+08:00"), at("2026-03-09T18:00:00+08:00")))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(CN.workingTimeBetween(at("2026-03-09T18:00:00+08:00"), at("2026-03-09T08:00:00+08:00")))
                .isZero();
    }

    @Test
    void aLunchBreakAndOtherWorkingDaysCanBeConfigured() {
        WorkingCalendar sixDays = new WorkingCalendar(SHANGHAI, WorkingHours.parse("13:30-17:30, 08:30-12:00"),
                WorkingDays.parse("MON-SAT"), HolidayTable.none());
        assertThat(sixDays.isWorkingDay(LocalDate.parse("2026-03-07"))).isTrue();
        assertThat(sixDays.isWorkingTime(at("2026-03-07T12:30:00+08:00"))).as("lunch").isFalse();
        assertThat(sixDays.isWorkingTime(at("2026-03-07T13:30:00+08:00"))).isTrue();
        assertThat(sixDays.workingHours(LocalDate.parse("2026-03-09"))).hasSize(2);
        assertThat(sixDays.workingTimeBetween(at("2026-03-09T00:00:00+08:00"), at("2026-03-10T00:00:00+08:00")))
                .isEqualTo(Duration.ofMinutes(7 * 60 + 30));
    }

    @Test
    void aZoneWithDaylightSavingKeepsLocalWorkingHours() {
        WorkingCalendar berlin = WorkingCalendar.standard(ZoneId.of("Europe/Berlin"), HolidayTable.none());
        // Monday after the spring change: still 08:30-17:30 local, now at UTC+2.
        assertThat(berlin.workingHours(LocalDate.parse("2026-03-30")).get(0).start())
                .isEqualTo(Instant.parse("2026-03-30T06:30:00Z"));
        assertThat(berlin.workingHours(LocalDate.parse("2026-03-27")).get(0).start())
                .isEqualTo(Instant.parse("2026-03-27T07:30:00Z"));
    }

    private static long workingDays(int year) {
        return LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1)).filter(CN::isWorkingDay).count();
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }
}
