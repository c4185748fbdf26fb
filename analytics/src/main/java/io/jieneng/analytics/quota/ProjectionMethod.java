package io.jieneng.analytics.quota;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a quota's year-end value was projected (docs/DOMAIN.md §5, seasonal projection). */
public enum ProjectionMethod {
    /** actual ÷ elapsedFraction: the year continues at its average pace so far. */
    LINEAR,
    /** actual × (previous year's total ÷ previous year's total up to the same day): last year's profile. */
    SEASONAL;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
