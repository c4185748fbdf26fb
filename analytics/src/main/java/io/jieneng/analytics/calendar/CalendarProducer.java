package io.jieneng.analytics.calendar;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.devices.calendar.CalendarFile;
import io.jieneng.devices.calendar.HolidayTable;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.calendar.WorkingDays;
import io.jieneng.devices.calendar.WorkingHours;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.DayOfWeek;
import java.util.Set;

/**
 * The working calendar of this deployment: the bundled or configured holiday file, checked at start-up, with the
 * configured working hours and days in {@code JIENENG_TIMEZONE}. A bad setting stops the start with its reason.
 */
public class CalendarProducer {

    private static final Logger LOG = Logger.getLogger(CalendarProducer.class);

    @Inject
    CalendarConfig config;

    @Inject
    JienengConfig platform;

    @Produces
    @Singleton
    WorkingCalendar workingCalendar() {
        Set<DayOfWeek> days = WorkingDays.parse(config.workingDays());
        WorkingHours hours = WorkingHours.parse(config.workingHours());
        HolidayTable table = CalendarFile.load(config.file(), days);
        LOG.infof("working calendar %s (%s): years %s, working hours %s on %s, zone %s", table.version(),
                table.origin(), table.years().stream().sorted().toList(), hours, config.workingDays(),
                platform.timezone());
        table.verifyNotes().forEach(n -> LOG.warnf("calendar entry to verify: %s", n));
        return new WorkingCalendar(platform.timezone(), hours, days, table);
    }
}
