package io.jieneng.analytics.report;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Which local hours are working time, for the after-hours finding: Mon–Fri 08:30–17:30 (DOMAIN.md §6). An hour
 * is {@code WORKING} when it lies wholly inside working time, {@code AFTER_HOURS} when wholly outside, and
 * {@code MIXED} otherwise (08:00 and 17:00 on a working day); mixed hours are left out of both means, since hour
 * buckets cannot be split at the half hour.
 */
public class WorkingHours {

    /** The class of one local hour. */
    public enum Kind { WORKING, AFTER_HOURS, MIXED }

    static final LocalTime START = LocalTime.of(8, 30);
    static final LocalTime END = LocalTime.of(17, 30);

    /** Whether {@code day}'s date is a working day; Mon–Fri here, a holiday calendar may say otherwise. */
    protected boolean isWorkingDay(LocalDateTime day) {
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** The class of the local hour starting at {@code hourStart}. */
    public Kind classify(LocalDateTime hourStart) {
        if (!isWorkingDay(hourStart)) {
            return Kind.AFTER_HOURS;
        }
        LocalTime from = hourStart.toLocalTime();
        LocalTime to = from.plusHours(1);
        boolean endsAtMidnight = to.equals(LocalTime.MIDNIGHT);
        if (!from.isBefore(START) && !to.isAfter(END) && !endsAtMidnight) {
            return Kind.WORKING;
        }
        if ((!to.isAfter(START) && !endsAtMidnight) || !from.isBefore(END)) {
            return Kind.AFTER_HOURS;
        }
        return Kind.MIXED;
    }
}
