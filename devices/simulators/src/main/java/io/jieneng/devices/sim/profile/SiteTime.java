package io.jieneng.devices.sim.profile;

import io.jieneng.devices.calendar.WorkingCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * An instant seen on a Jiangsu wall clock. China has kept UTC+8 all year since 1991, so a fixed offset is exact
 * and avoids a zone-rules lookup for each of the millions of profile evaluations of a backfill.
 *
 * @param epochMillis the instant, epoch milliseconds
 * @param epochDay    the local date as days since 1970-01-01
 * @param hourOfDay   local clock hours since midnight, in [0, 24)
 * @param dayOfWeek   local day of week
 * @param dayOfYear   local day of year, 1-based
 * @param restDay     whether the local date is a day off: a weekend, or an official holiday of the calendar, but
 *                    not an adjusted working day (调休上班)
 */
public record SiteTime(long epochMillis, long epochDay, double hourOfDay, DayOfWeek dayOfWeek, int dayOfYear,
                       boolean restDay) {

    /** The deployment time zone of docs/DOMAIN.md §1.7, which the simulators use for schedules and dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static final long OFFSET_MILLIS = 8L * 3_600_000L;
    static final long DAY_MILLIS = 86_400_000L;
    static final long HOUR_MILLIS = 3_600_000L;

    /** The instant with days off decided by the weekday alone (Saturday and Sunday). */
    public static SiteTime of(long epochMillis) {
        return of(epochMillis, null);
    }

    /**
     * The instant with days off decided by {@code calendar} (its holidays, adjusted working days and working
     * weekdays), or by the weekday alone when {@code calendar} is {@code null}.
     */
    public static SiteTime of(long epochMillis, WorkingCalendar calendar) {
        long local = epochMillis + OFFSET_MILLIS;
        long epochDay = Math.floorDiv(local, DAY_MILLIS);
        double hour = Math.floorMod(local, DAY_MILLIS) / (double) HOUR_MILLIS;
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        DayOfWeek dow = date.getDayOfWeek();
        boolean restDay = calendar == null ? isWeekend(dow) : !calendar.isWorkingDay(date);
        return new SiteTime(epochMillis, epochDay, hour, dow, date.getDayOfYear(), restDay);
    }

    /** Epoch milliseconds of local midnight that starts {@code date}. */
    public static long startOfDayMillis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.ofHours(8)).toInstant().toEpochMilli();
    }

    /** Epoch milliseconds of local midnight that starts the local day {@code epochDay}. */
    public static long startOfDayMillis(long epochDay) {
        return epochDay * DAY_MILLIS - OFFSET_MILLIS;
    }

    /** The local day that contains {@code epochMillis}. */
    public static long epochDayOf(long epochMillis) {
        return Math.floorDiv(epochMillis + OFFSET_MILLIS, DAY_MILLIS);
    }

    public boolean isWeekend() {
        return isWeekend(dayOfWeek);
    }

    private static boolean isWeekend(DayOfWeek d) {
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** Local time in days since the epoch, continuous; the coordinate of the day-scale noise. */
    double localDays() {
        return (epochMillis + OFFSET_MILLIS) / (double) DAY_MILLIS;
    }

    /** Local time in hours since the epoch, continuous; the coordinate of the hour-scale noise. */
    double localHours() {
        return (epochMillis + OFFSET_MILLIS) / (double) HOUR_MILLIS;
    }
}
