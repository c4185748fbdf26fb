package io.jieneng.analytics.energy;

import io.jieneng.analytics.error.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A query range [from, to) as the API takes it (CONTRACT.md §3): each end is a local date in the deployment
 * time zone ({@code 2026-01-01} means its local midnight) or an ISO instant with an offset.
 */
public record TimeRange(Instant from, Instant to) {

    public static TimeRange parse(String from, String to, ZoneId zone) {
        Instant f = parseBound("from", from, zone);
        Instant t = parseBound("to", to, zone);
        if (!f.isBefore(t)) {
            throw ApiException.badRequest("invalid range",
                    "from (" + from + ") must be before to (" + to + "); from is inclusive and to exclusive");
        }
        return new TimeRange(f, t);
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
