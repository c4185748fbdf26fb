package io.jieneng.analytics.calendar;

import io.jieneng.devices.calendar.WorkingHours;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** The working-time calendar's settings ({@code JIENENG_CALENDAR_*}, docs/CONFIG.md and docs/ALERTS.md). */
@ConfigMapping(prefix = "jieneng.calendar")
public interface CalendarConfig {

    /** A holiday file replacing the bundled mainland-China 2025–2026 one. */
    Optional<Path> file();

    /** Local working hours of a working day, e.g. {@code 08:30-17:30} or {@code 08:30-12:00,13:30-17:30}. */
    @WithDefault(WorkingHours.DEFAULT)
    String workingHours();

    /** The weekdays that are working days unless the holiday file says otherwise, e.g. {@code MON-FRI}. */
    @WithDefault("MON-FRI")
    String workingDays();
}
