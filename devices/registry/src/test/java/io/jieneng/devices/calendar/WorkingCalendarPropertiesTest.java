package io.jieneng.devices.calendar;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingCalendarPropertiesTest {

    private static final Instant BASE = Instant.parse("2024-12-01T00:00:00Z");
    private static final long SPAN_SECONDS = 800L * 86_400;
    private static final WorkingCalendar CN = WorkingCalendar.standard(ZoneId.of("Asia/Shanghai"),
            WorkingCalendarTest.BUNDLED);
    private static final WorkingCalendar BERLIN_LUNCH = new WorkingCalendar(ZoneId.of("Europe/Berlin"),
            WorkingHours.parse("08:00-12:00,13:00-17:00"), WorkingCalendar.MONDAY_TO_FRIDAY, HolidayTable.none());

    /** More tries than the default: an instant lands on a span's edge rarely, and each try is cheap. */
    @Test
    void anInstantIsWorkingTimeExactlyWhenItsDayHasAWorkingSpanHoldingIt() {
        Property.check(2000, r -> workingTimeMatchesTheSpans(instant(r)));
    }

    /** The range's ends, and the edges of a working span (08:00, 12:00, 13:00 and 17:00 in Berlin). */
    @ParameterizedTest
    @ValueSource(strings = {"2024-12-01T00:00:00Z", "2027-02-09T00:00:00Z", "2025-03-03T07:00:00Z",
            "2025-03-03T06:59:59Z", "2025-03-03T11:00:00Z", "2025-03-03T12:00:00Z", "2025-03-03T16:00:00Z",
            "2025-03-03T00:30:00Z", "2025-10-01T01:00:00Z"})
    void anInstantIsWorkingTimeExactlyWhenItsDayHasAWorkingSpanHoldingIt_edges(String t) {
        workingTimeMatchesTheSpans(Instant.parse(t));
    }

    private static void workingTimeMatchesTheSpans(Instant t) {
        for (WorkingCalendar cal : new WorkingCalendar[]{CN, BERLIN_LUNCH}) {
            boolean inSpan = cal.workingHours(LocalDate.ofInstant(t, cal.zone())).stream()
                    .anyMatch(s -> !t.isBefore(s.start()) && t.isBefore(s.end()));
            assertThat(cal.isWorkingTime(t)).isEqualTo(inSpan);
            if (inSpan) {
                assertThat(cal.isWorkingDay(LocalDate.ofInstant(t, cal.zone()))).isTrue();
            }
        }
    }

    /** Fewer tries: each sums working time over up to 800 days, twice per calendar. */
    @Test
    void workingTimeIsAdditiveAndBounded() {
        Property.check(500, r -> additiveAndBounded(instant(r), instant(r), instant(r)));
    }

    /** Equal instants (empty ranges) and the whole span. */
    @ParameterizedTest
    @CsvSource({"0, 0, 0", "0, 0, 69120000", "0, 69120000, 69120000", "0, 34560000, 69120000",
            "7200, 7200, 7201"})
    void workingTimeIsAdditiveAndBounded_edges(long a, long b, long c) {
        additiveAndBounded(BASE.plusSeconds(a), BASE.plusSeconds(b), BASE.plusSeconds(c));
    }

    private static void additiveAndBounded(Instant a, Instant b, Instant c) {
        Instant[] sorted = java.util.stream.Stream.of(a, b, c).sorted().toArray(Instant[]::new);
        for (WorkingCalendar cal : new WorkingCalendar[]{CN, BERLIN_LUNCH}) {
            Duration whole = cal.workingTimeBetween(sorted[0], sorted[2]);
            assertThat(whole).isEqualTo(cal.workingTimeBetween(sorted[0], sorted[1])
                    .plus(cal.workingTimeBetween(sorted[1], sorted[2])));
            assertThat(whole).isLessThanOrEqualTo(Duration.between(sorted[0], sorted[2]));
        }
    }

    private static Instant instant(Random r) {
        return BASE.plusSeconds(Gen.longIn(r, 0, SPAN_SECONDS));
    }
}
