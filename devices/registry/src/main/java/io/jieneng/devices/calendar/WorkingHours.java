package io.jieneng.devices.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The local working hours of a working day: one or more [start, end) ranges within the day, such as
 * {@code 08:30-17:30} or {@code 08:30-12:00,13:30-17:30} (a lunch break counted as after hours).
 *
 * @param ranges sorted, non-overlapping, each start before its end; none crosses midnight
 */
public record WorkingHours(List<Range> ranges) {

    /** Mon–Fri 08:30–17:30 (docs/DOMAIN.md §6). */
    public static final String DEFAULT = "08:30-17:30";

    /** One [start, end) range of local time. */
    public record Range(LocalTime start, LocalTime end) {
    }

    public WorkingHours {
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new CalendarException("working hours need at least one range such as 08:30-17:30");
        }
        for (int i = 0; i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (!r.start().isBefore(r.end())) {
                throw new CalendarException("working hours " + r.start() + "-" + r.end()
                        + ": the start must be before the end (a range may not cross midnight)");
            }
            if (i > 0 && r.start().isBefore(ranges.get(i - 1).end())) {
                throw new CalendarException("working hours " + ranges.get(i - 1).start() + "-"
                        + ranges.get(i - 1).end() + " and " + r.start() + "-" + r.end() + " overlap");
            }
        }
    }

    /**
     * Parses {@code HH:mm-HH:mm[,HH:mm-HH:mm...]} (the {@code JIENENG_CALENDAR_WORKING_HOURS} setting); ranges may
     * come in any order.
     */
    public static WorkingHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CalendarException("working hours are empty; expected e.g. " + DEFAULT);
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-");
            if (ends.length != 2) {
                throw new CalendarException("working hours '" + part.trim() + "' are not HH:mm-HH:mm (in '"
                        + text + "')");
            }
            try {
                ranges.add(new Range(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim())));
            } catch (DateTimeParseException e) {
                throw new CalendarException("working hours '" + part.trim() + "' are not HH:mm-HH:mm (in '"
                        + text + "')", e);
            }
        }
        ranges.sort(Comparator.comparing(Range::start));
        return new WorkingHours(ranges);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            sb.append(sb.isEmpty() ? "" : ",").append(r.start()).append('-').append(r.end());
        }
        return sb.toString();
    }
}
