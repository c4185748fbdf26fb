package io.jieneng.analytics.energy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** The width of a bucket: a local hour, a local day or a local month in the deployment time zone. */
public enum Interval {
    HOUR,
    DAY,
    MONTH;

    /** The lower-case name used in the API ({@code hour|day|month}). */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The interval named {@code text} ({@code hour|day|month}, any case), or empty for anything else. */
    public static Optional<Interval> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Interval interval : values()) {
            if (interval.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(interval);
            }
        }
        return Optional.empty();
    }
}
