package io.jieneng.devices.calendar;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Parses the working weekdays setting: {@code MON-FRI}, {@code MON,TUE,WED,THU,FRI,SAT}, full names too. */
public final class WorkingDays {

    private WorkingDays() {
    }

    public static Set<DayOfWeek> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CalendarException("working days are empty; expected e.g. MON-FRI");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-");
            if (ends.length == 1) {
                days.add(day(ends[0], text));
            } else if (ends.length == 2) {
                DayOfWeek from = day(ends[0], text);
                DayOfWeek to = day(ends[1], text);
                if (to.compareTo(from) < 0) {
                    throw new CalendarException("working days '" + part.trim() + "' run backwards (in '" + text
                            + "'); write MON-FRI, not FRI-MON");
                }
                days.addAll(EnumSet.range(from, to));
            } else {
                throw new CalendarException("working days '" + part.trim() + "' are not a day or a range such as "
                        + "MON-FRI (in '" + text + "')");
            }
        }
        return Set.copyOf(days);
    }

    private static DayOfWeek day(String name, String text) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(n) || d.name().substring(0, 3).equals(n)) {
                return d;
            }
        }
        throw new CalendarException("'" + name.trim() + "' is not a weekday (MON, TUE, ... or MONDAY, ...) in "
                + "working days '" + text + "'");
    }
}
