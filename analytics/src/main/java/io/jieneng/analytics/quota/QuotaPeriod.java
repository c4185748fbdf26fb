package io.jieneng.analytics.quota;

import io.jieneng.analytics.error.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The part of a quota year that has elapsed (docs/DOMAIN.md §5): actuals cover [1 January, asOf + 1 day), and the
 * seasonal projection compares with the previous year up to the same calendar day.
 *
 * @param year            the quota year
 * @param asOf            the last day counted (inclusive), within {@code year}
 * @param elapsedFraction dayOfYear(asOf) ÷ lengthOfYear(year)
 */
public record QuotaPeriod(int year, LocalDate asOf, double elapsedFraction) {

    public QuotaPeriod {
        if (asOf.getYear() != year) {
            throw new IllegalArgumentException("asOf " + asOf + " is not in " + year);
        }
    }

    /** The period of {@code year} up to {@code asOf} inclusive. */
    public static QuotaPeriod of(int year, LocalDate asOf) {
        return new QuotaPeriod(year, asOf, QuotaMath.elapsedFraction(asOf));
    }

    /**
     * The period a request asks for. Without {@code asOf}: today for the current year, 31 December for a past
     * year.
     *
     * @param today the current local date in the deployment time zone
     * @throws ApiException 400 for a future year, an {@code asOf} outside {@code year}, or an {@code asOf} after
     *                      today (days that have not happened would count as elapsed with no consumption)
     */
    public static QuotaPeriod resolve(int year, Optional<LocalDate> asOf, LocalDate today) {
        if (year > today.getYear()) {
            throw ApiException.badRequest("invalid parameter", "year " + year + " has not begun: today is " + today);
        }
        LocalDate d = asOf.orElse(year == today.getYear() ? today : LocalDate.of(year, 12, 31));
        if (d.getYear() != year) {
            throw ApiException.badRequest("invalid parameter", "asOf " + d + " is not in the quota year " + year);
        }
        if (d.isAfter(today)) {
            throw ApiException.badRequest("invalid parameter", "asOf " + d + " is in the future: today is " + today);
        }
        return of(year, d);
    }

    /** Parses an {@code asOf} parameter ({@code YYYY-MM-DD}); empty when absent. */
    public static Optional<LocalDate> parseAsOf(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid parameter", "asOf '" + value
                    + "' is not a date such as 2026-03-31");
        }
    }

    /** 1 January of the year: the first day counted. */
    public LocalDate from() {
        return LocalDate.of(year, 1, 1);
    }

    /** The day after {@code asOf}: the end of the counted range, exclusive. */
    public LocalDate toExclusive() {
        return asOf.plusDays(1);
    }

    /** The same calendar day a year earlier (29 February becomes 28 February). */
    public LocalDate previousYearSameDay() {
        return asOf.minusYears(1);
    }

    /** True on 31 December: the year is complete and every projection equals the actual. */
    public boolean yearComplete() {
        return asOf.getMonthValue() == 12 && asOf.getDayOfMonth() == 31;
    }
}
