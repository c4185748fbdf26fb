package io.jieneng.devices.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contents of a checked calendar file: every overridden date, and the years whose arrangement the file holds.
 * A date of a year the file does not cover follows the weekday rule alone.
 *
 * @param origin      the file, or {@code classpath:...} for the bundled one
 * @param verifyNotes the file's "verify" notes, each with the entry it is attached to, for the start-up log
 */
public record HolidayTable(String version, String origin, Map<LocalDate, OfficialDay> days, Set<Integer> years,
                           List<String> verifyNotes) {

    public HolidayTable {
        days = Map.copyOf(days);
        years = Set.copyOf(years);
        verifyNotes = List.copyOf(verifyNotes);
    }

    /** A table without any official day: weekdays alone decide. */
    public static HolidayTable none() {
        return new HolidayTable("none", "none", Map.of(), Set.of(), List.of());
    }

    public Optional<OfficialDay> day(LocalDate date) {
        return Optional.ofNullable(days.get(date));
    }
}
