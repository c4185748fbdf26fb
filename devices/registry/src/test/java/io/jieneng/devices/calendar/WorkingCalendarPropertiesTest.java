package io.jieneng.devices.calendar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingCalendarPropertiesTest {

    private static final Instant BASE = Instant.parse("2024-12-01T00:00:00Z");
    private static final long SPAN_SECONDS = 800L * 86_400;
    private static final WorkingCalendar CN = WorkingCalendar.standard(ZoneId.of("Asia/Shanghai"),
            WorkingCalendarTest.BUNDLED);
    private static final WorkingCalendar BERLIN_LUNCH = new WorkingCalendar(ZoneId.of("Europe/Berlin"),
            WorkingHours.parse("08:00-12:00,13:00-17:00"), WorkingCalendar.MONDAY_TO_FRIDAY, HolidayTable.none());

    @Property(tries = 2000)
    void anInstantIsWorkingTimeExactlyWhenItsDayHasAWorkingSpanHoldingIt(@ForAll("instants") Instant t) {
        for (WorkingCalendar cal : new WorkingCalendar[]{CN, BERLIN_LUNCH}) {
            boolean inSpan = cal.workingHours(LocalDate.ofInstant(t, cal.zone())).stream()
                    .anyMatch(s -> !t.isBefore(s.start()) && t.isBefore(s.end()));
            assertThat(cal.isWorkingTime(t)).isEqualTo(inSpan);
            if (inSpan) {
                assertThat(cal.isWorkingDay(LocalDate.ofInstant(t, cal.zone()))).isTrue();
            }
        }
    }

    @Property(tries = 500)
    void workingTimeIsAdditiveAndBounded(@ForAll("instants") Instant a, @ForAll("instants") Instant b,
                                         @ForAll("instants") Instant c) {
        Instant[] sorted = java.util.stream.Stream.of(a, b, c).sorted().toArray(Instant[]::new);
        for (WorkingCalendar cal : new WorkingCalendar[]{CN, BERLIN_LUNCH}) {
            Duration whole = cal.workingTimeBetween(sorted[0], sorted[2]);
            assertThat(whole).isEqualTo(cal.workingTimeBetween(sorted[0], sorted[1])
                    .plus(cal.workingTimeBetween(sorted[1], sorted[2])));
            assertThat(whole).isLessThanOrEqualTo(Duration.between(sorted[0], sorted[2]));
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, SPAN_SECONDS).map(s -> BASE.plusSeconds(s));
    }
}
