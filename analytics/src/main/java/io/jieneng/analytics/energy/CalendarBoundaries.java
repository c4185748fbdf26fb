package io.jieneng.analytics.energy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The natural bucket boundaries of an {@link Interval} in a time zone, computed on the instant time-line so that
 * DST changes and non-hour offsets (+05:45, +10:30) come out right.
 *
 * <ul>
 *   <li>An hour bucket starts wherever the local clock reads hh:00, and wherever an offset change moves the clock
 *       into another local hour (spring-forward past 02:00, or Chatham's 03:45 → 02:45). So a repeated local hour
 *       is a bucket of its own (a Berlin fall-back day has 25), a skipped one is absent (23), and a partly skipped
 *       one is short (Lord Howe's 30-minute 02:00 hour).</li>
 *   <li>A day boundary is the start of a local day ({@link LocalDate#atStartOfDay(ZoneId)}: the end of the gap
 *       when midnight does not exist, the earlier instant when it occurs twice).</li>
 *   <li>A month boundary is the start of the first local day of a month.</li>
 * </ul>
 */
final class CalendarBoundaries {

    private static final long HOUR_SECONDS = 3600;

    private CalendarBoundaries() {
    }

    /** The first boundary strictly after {@code t}. */
    static Instant next(Instant t, Interval interval, ZoneId zone) {
        return switch (interval) {
            case HOUR -> nextHour(t, zone.getRules());
            case DAY -> nextDay(t, zone);
            case MONTH -> nextMonth(t, zone);
        };
    }

    private static Instant nextHour(Instant t, ZoneRules rules) {
        Instant cursor = t;
        boolean inclusive = false;
        // Each pass either answers or moves the cursor to the next transition, so it ends after a few passes.
        while (true) {
            long offsetSeconds = rules.getOffset(cursor).getTotalSeconds();
            Instant onTheHour = nextLocalHourStart(cursor, offsetSeconds, inclusive);
            ZoneOffsetTransition transition = rules.nextTransition(cursor);
            if (transition == null || onTheHour.isBefore(transition.getInstant())) {
                return onTheHour;
            }
            if (changesLocalHour(transition)) {
                return transition.getInstant();
            }
            cursor = transition.getInstant();
            inclusive = true;
        }
    }

    /** The first instant at or after (inclusive) or strictly after {@code cursor} whose local time is on the hour. */
    private static Instant nextLocalHourStart(Instant cursor, long offsetSeconds, boolean inclusive) {
        long local = cursor.getEpochSecond() + offsetSeconds;
        long hour = Math.floorDiv(local, HOUR_SECONDS);
        boolean exactlyOnTheHour = cursor.getNano() == 0 && Math.floorMod(local, HOUR_SECONDS) == 0;
        if (!(inclusive && exactlyOnTheHour)) {
            hour++;
        }
        return Instant.ofEpochSecond(hour * HOUR_SECONDS - offsetSeconds);
    }

    /** True when the local hour just before the transition differs from the local hour at it. */
    private static boolean changesLocalHour(ZoneOffsetTransition transition) {
        // Transitions fall on whole seconds, so the last instant before one reads a whole second earlier.
        long at = transition.getInstant().getEpochSecond();
        long hourBefore = Math.floorDiv(at - 1 + transition.getOffsetBefore().getTotalSeconds(), HOUR_SECONDS);
        long hourAfter = Math.floorDiv(at + transition.getOffsetAfter().getTotalSeconds(), HOUR_SECONDS);
        return hourBefore != hourAfter;
    }

    private static Instant nextDay(Instant t, ZoneId zone) {
        LocalDate date = t.atZone(zone).toLocalDate().plusDays(1);
        Instant boundary = date.atStartOfDay(zone).toInstant();
        // A day can be missing entirely (Pacific/Apia skipped 2011-12-30); keep going until time moves forward.
        while (!boundary.isAfter(t)) {
            date = date.plusDays(1);
            boundary = date.atStartOfDay(zone).toInstant();
        }
        return boundary;
    }

    private static Instant nextMonth(Instant t, ZoneId zone) {
        LocalDate date = t.atZone(zone).toLocalDate().withDayOfMonth(1).plusMonths(1);
        Instant boundary = date.atStartOfDay(zone).toInstant();
        while (!boundary.isAfter(t)) {
            date = date.plusMonths(1);
            boundary = date.atStartOfDay(zone).toInstant();
        }
        return boundary;
    }
}
