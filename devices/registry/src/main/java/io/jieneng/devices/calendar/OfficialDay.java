package io.jieneng.devices.calendar;

import java.time.LocalDate;

/**
 * A date the calendar file overrides: an official holiday (放假) or an adjusted working day (调休上班) on a day
 * that would otherwise be a rest day.
 *
 * @param year the arrangement it belongs to (the 2024 New Year holiday included 2023-12-30, for instance)
 * @param name as the notice names it, e.g. 春节 or 春节调休上班
 */
public record OfficialDay(LocalDate date, Kind kind, String name, int year) {

    public enum Kind {
        /** No work, whatever the weekday. */
        HOLIDAY,
        /** Work, although the weekday is normally a rest day. */
        WORKDAY
    }
}
