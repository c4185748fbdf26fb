package io.jieneng.devices.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When an institution is at work (docs/DOMAIN.md §6): the working hours of every working day, in the deployment time
 * zone. A working day is a working weekday (Mon–Fri by default) that is not an official holiday, or an adjusted
 * working day (调休上班) of the holiday table. Pure: no clock, no I/O.
 */
public final class WorkingCalendar {

    /** Monday to Friday. */
    public static final Set<DayOfWeek> MONDAY_TO_FRIDAY = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY,
            DayOfWeek.FRIDAY));

    private final ZoneId zone;
    private final WorkingHours hours;
    private final Set<DayOfWeek> workingDays;
    private final HolidayTable table;

    /** A [start, end) span of time. */
    public record Span(Instant start, Instant end) {

        public Duration length() {
            return Duration.between(start, end);
        }
    }

    public WorkingCalendar(ZoneId zone, WorkingHours hours, Set<DayOfWeek> workingDays, HolidayTable table) {
        if (workingDays.isEmpty()) {
            throw new CalendarException("at least one weekday must be a working day");
        }
        this.zone = zone;
        this.hours = hours;
        this.workingDays = Set.copyOf(workingDays);
        this.table = table;
    }

    /** Mon–Fri 08:30–17:30 in {@code zone}, with the official days of {@code table}. */
    public static WorkingCalendar standard(ZoneId zone, HolidayTable table) {
        return new WorkingCalendar(zone, WorkingHours.parse(WorkingHours.DEFAULT), MONDAY_TO_FRIDAY, table);
    }

    public ZoneId zone() {
        return zone;
    }

    public WorkingHours hours() {
        return hours;
    }

    public Set<DayOfWeek> workingDays() {
        return workingDays;
    }

    public HolidayTable table() {
        return table;
    }

    /** True when {@code date} is a working day: an adjusted working day, or a working weekday but no holiday. */
    public boolean isWorkingDay(LocalDate date) {
        Optional<OfficialDay> official = table.day(date);
        if (official.isPresent()) {
            return official.get().kind() == OfficialDay.Kind.WORKDAY;
        }
        return workingDays.contains(date.getDayOfWeek());
    }

    /** True when {@code t} falls inside the working hours of a working day (start inclusive, end exclusive). */
    public boolean isWorkingTime(Instant t) {
        for (Span s : workingHours(LocalDate.ofInstant(t, zone))) {
            if (!t.isBefore(s.start()) && t.isBefore(s.end())) {
                return true;
            }
        }
        return false;
    }

    /** The working hours of {@code date} as instants, in order; empty on a day off. */
    public List<Span> workingHours(LocalDate date) {
        if (!isWorkingDay(date)) {
            return List.of();
        }
        List<Span> out = new ArrayList<>(hours.ranges().size());
        for (WorkingHours.Range r : hours.ranges()) {
            // A local time skipped by a DST change resolves to the later offset, as ZonedDateTime does.
            Instant start = ZonedDateTime.of(date, r.start(), zone).toInstant();
            Instant end = ZonedDateTime.of(date, r.end(), zone).toInstant();
            if (start.isBefore(end)) {
                out.add(new Span(start, end));
            }
        }
        return out;
    }

    /** How much of [from, to) is working time; zero when {@code to} is not after {@code from}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        // Working hours never cross midnight, so the local days that [from, to) touches hold all of them.
        for (LocalDate d = LocalDate.ofInstant(from, zone); !d.isAfter(LocalDate.ofInstant(to, zone));
                d = d.plusDays(1)) {
            for (Span s : workingHours(d)) {
                Instant a = s.start().isAfter(from) ? s.start() : from;
                Instant b = s.end().isBefore(to) ? s.end() : to;
                if (a.isBefore(b)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    /** The holiday or adjusted working day on {@code date}, if the table lists it. */
    public Optional<OfficialDay> officialDay(LocalDate date) {
        return table.day(date);
    }

    /** True when the holiday table holds the official arrangement of {@code year}. */
    public boolean covers(int year) {
        return table.years().contains(year);
    }
}
