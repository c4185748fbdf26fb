package io.jieneng.devices.sim.profile;

import io.jieneng.devices.calendar.CalendarFile;
import io.jieneng.devices.calendar.WorkingCalendar;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The working calendar the simulated offices keep: the platform's holiday file (bundled, or the file given with
 * {@code --calendar}, the format of {@code JIENENG_CALENDAR_FILE}) with Monday to Friday as working weekdays, in
 * the site time zone. The simulators only need which days are days off; the working hours of the calendar are
 * not used, the schedules carry their own ramps.
 */
public final class SiteCalendar {

    private SiteCalendar() {
    }

    /** The bundled mainland-China calendar, read and checked once. */
    public static WorkingCalendar bundled() {
        return Bundled.CALENDAR;
    }

    /**
     * The calendar of {@code file}, or the bundled one when {@code file} is {@code null}.
     *
     * @throws io.jieneng.devices.calendar.CalendarException naming the file and the faulty entry
     */
    public static WorkingCalendar of(Path file) {
        if (file == null) {
            return bundled();
        }
        return WorkingCalendar.standard(SiteTime.ZONE,
                CalendarFile.load(Optional.of(file), WorkingCalendar.MONDAY_TO_FRIDAY));
    }

    /** Lazy holder: the bundled file is parsed on first use, once per JVM. */
    private static final class Bundled {
        static final WorkingCalendar CALENDAR = WorkingCalendar.standard(SiteTime.ZONE,
                CalendarFile.load(Optional.empty(), WorkingCalendar.MONDAY_TO_FRIDAY));
    }
}
