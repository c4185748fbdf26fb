package io.jieneng.analytics.energy;

import io.jieneng.analytics.error.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A query range [from, to) as the API takes it (docs/CONTRACT.md §3): each end is a local date in the deployment
 * time zone ({@code 2026-01-01} means its local midnight) or an ISO instant with an offset.
 */
public record TimeRange(Instant from, Instant to) {

    /** Readings are epoch milliseconds from 1970 on, so no earlier year can hold data. */
    public static final int MIN_YEAR = 1970;

    public static TimeRange parse(String from, String to, ZoneId zone) {
        Instant f = parseBound("from", from, zone);
        Instant t = parseBound("to", to, zone);
        if (!f.isBefore(t)) {
            throw ApiException.badRequest("invalid range",
                    "from (" + from + ") must be before to (" + to + "); from is inclusive and to exclusive");
        }
        return new TimeRange(f, t);
    }

    /** The local calendar year {@code year} of {@code zone}: [1 January, 1 January of the next year). */
    public static TimeRange ofYear(int year, ZoneId zone) {
        return new TimeRange(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant(),
                LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant());
    }

    /**
     * Parses a {@code year} parameter: a four-digit year from 1970 (no reading can be older), or
     * {@code defaultYear} when it is absent.
     */
    public static int parseYear(String value, int defaultYear) {
        if (value == null || value.isBlank()) {
            return defaultYear;
        }
        String v = value.trim();
        if (!v.matches("[0-9]{4}") || Integer.parseInt(v) < MIN_YEAR) {
            throw ApiException.badRequest("invalid parameter", "year '" + value
                    + "' is not a four-digit year from " + MIN_YEAR + ", such as 2025");
        }
        return Integer.parseInt(v);
    }

    /** {@code t} as the API writes times: ISO-8601 with the offset of {@code zone} at that instant. */
    public static String iso(Instant t, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
    }

    static Instant parseBound(String name, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing parameter",
                    name + " is required: a local date such as 2026-01-01 or an instant such as 2026-01-01T00:00:00+08:00");
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid parameter", name + " '" + value
                    + "' is neither a date (2026-01-01) nor an instant with an offset (2026-01-01T00:00:00+08:00)");
        }
    }
}
