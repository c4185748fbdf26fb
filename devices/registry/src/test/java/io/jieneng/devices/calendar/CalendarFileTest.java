package io.jieneng.devices.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarFileTest {

    @Test
    void theBundledFileCoversTwoYearsAndNamesItsSources() {
        HolidayTable t = WorkingCalendarTest.BUNDLED;
        assertThat(t.origin()).isEqualTo("classpath:calendar/cn-holidays.json");
        assertThat(t.years()).containsExactlyInAnyOrder(2025, 2026);
        assertThat(t.days().values().stream().filter(d -> d.kind() == OfficialDay.Kind.HOLIDAY).count())
                .as("28 holiday dates in 2025, 33 in 2026").isEqualTo(61);
        assertThat(t.days().values().stream().filter(d -> d.kind() == OfficialDay.Kind.WORKDAY).count())
                .isEqualTo(11);
        assertThat(t.verifyNotes()).singleElement().asString().contains("(2026)", "document number");
    }

    @Test
    void anOperatorFileAddsAYear() throws Exception {
        Path file = Files.writeString(tmp.resolve("cal.json"), """
                {"version": "site-1", "years": [{"year": 2027, "source": "our own reading of the 2027 notice",
                  "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03",
                                "verify": "not yet published"}],
                  "workdays": []}]}""");
        HolidayTable t = CalendarFile.load(Optional.of(file), WorkingCalendar.MONDAY_TO_FRIDAY);
        assertThat(t.version()).isEqualTo("site-1");
        assertThat(t.years()).containsExactly(2027);
        assertThat(t.day(LocalDate.parse("2027-01-01"))).isPresent();
        assertThat(t.verifyNotes()).singleElement().asString().contains("元旦", "not yet published");
    }

    @TempDir
    Path tmp;

    @Test
    void mistakesAreRefusedWithTheEntryNamed() {
        assertRefused("{\"version\": \"x\", \"years\": []}", "non-empty array \"years\"");
        assertRefused("{\"version\": \"x\", \"years\": [{\"year\": 2025, \"source\": \"s\", \"holiday\": []}]}",
                "years[0] (2025): unknown field \"holiday\"");
        assertRefused(year("\"holidays\": [{\"name\": \"春节\", \"from\": \"2025-02-04\", \"to\": \"2025-01-28\"}]"),
                "holidays[0] (春节): \"to\" 2025-01-28 is before \"from\" 2025-02-04");
        assertRefused(year("\"holidays\": [{\"name\": \"国庆节\", \"from\": \"2025-10-01\", "
                + "\"to\": \"2025-12-08\"}]"), "longer than 31 days");
        assertRefused(year("\"holidays\": [{\"name\": \"清明节\", \"from\": \"2024-04-04\", "
                        + "\"to\": \"2024-04-06\"}]"),
                "2024-04-04 is not in 2025");
        assertRefused(year("\"holidays\": [{\"name\": \"元旦\", \"from\": \"2025-1-1\", \"to\": \"2025-01-01\"}]"),
                "\"from\" '2025-1-1' is not a date");
        assertRefused(year("\"workdays\": [{\"date\": \"2025-01-27\", \"name\": \"春节调休上班\"}]"),
                "workdays[0] (春节调休上班): 2025-01-27 is a Monday, a working day anyway");
        assertRefused(year("\"holidays\": [{\"name\": \"春节\", \"from\": \"2025-01-28\", \"to\": \"2025-02-04\"}],"
                        + "\"workdays\": [{\"date\": \"2025-02-01\", \"name\": \"春节调休上班\"}]"),
                "2025-02-01 is already listed as a holiday (春节, 2025)");
        assertRefused("{\"version\": \"x\", \"years\": [{\"year\": 2025, \"source\": \"s\"},"
                + " {\"year\": 2025, \"source\": \"s\"}]}", "the year 2025 is listed twice");
        assertRefused("{\"version\": \"x\", \"years\": [{\"year\": 2025}]}", "needs a non-empty string \"source\"");
        assertRefused("{\"years\": [", "is not valid JSON");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("nope.json");
        assertThatThrownBy(() -> CalendarFile.load(Optional.of(missing), WorkingCalendar.MONDAY_TO_FRIDAY))
                .isInstanceOf(CalendarException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("JIENENG_CALENDAR_FILE");
    }

    @Test
    void workingHoursAndDaysSettingsAreChecked() {
        assertThat(WorkingHours.parse("08:30-17:30").toString()).isEqualTo("08:30-17:30");
        assertThat(WorkingDays.parse("MON-FRI")).isEqualTo(WorkingCalendar.MONDAY_TO_FRIDAY);
        assertThat(WorkingDays.parse("monday,tue, WED-FRI")).isEqualTo(WorkingCalendar.MONDAY_TO_FRIDAY);
        assertThatThrownBy(() -> WorkingHours.parse("17:30-08:30")).hasMessageContaining("start must be before");
        assertThatThrownBy(() -> WorkingHours.parse("08:30-12:30,12:00-17:30")).hasMessageContaining("overlap");
        assertThatThrownBy(() -> WorkingHours.parse("8h-17h")).hasMessageContaining("not HH:mm-HH:mm");
        assertThatThrownBy(() -> WorkingDays.parse("FRI-MON")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> WorkingDays.parse("MON-FRY")).hasMessageContaining("'FRY' is not a weekday");
    }

    private static String year(String body) {
        return "{\"version\": \"x\", \"years\": [{\"year\": 2025, \"source\": \"s\", " + body + "}]}";
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> CalendarFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "test.json", WorkingCalendar.MONDAY_TO_FRIDAY))
                .isInstanceOf(CalendarException.class).hasMessageContaining("test.json")
                .hasMessageContaining(message);
    }
}
