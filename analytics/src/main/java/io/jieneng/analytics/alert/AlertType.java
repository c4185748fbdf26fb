package io.jieneng.analytics.alert;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * The seven alert types of docs/CONTRACT.md §3, each with its severity and unit (docs/ALERTS.md). Quota alerts
 * {@linkplain #reopens() reopen}: docs/DOMAIN.md §5 allows one per (institution, indicator, year, status), so a
 * status that returns brings back the same alert instead of a new one.
 */
public enum AlertType {
    QUOTA_WARNING(Severity.INFO, "", true),
    QUOTA_AT_RISK(Severity.WARNING, "", true),
    QUOTA_EXCEEDED(Severity.CRITICAL, "", true),
    METER_OFFLINE(Severity.WARNING, "min", false),
    AFTER_HOURS_WASTE(Severity.WARNING, "ratio", false),
    PUE_ABOVE_LIMIT(Severity.WARNING, "ratio", false),
    DATA_GAP(Severity.WARNING, "ratio", false);

    private final Severity severity;
    private final String unit;
    private final boolean reopens;

    AlertType(Severity severity, String unit, boolean reopens) {
        this.severity = severity;
        this.unit = unit;
        this.reopens = reopens;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Severity severity() {
        return severity;
    }

    /** The unit of value and threshold; empty for quota types, whose unit is the indicator's. */
    public String unit() {
        return unit;
    }

    /** True when a returning condition reopens the resolved alert of the same (type, subject, period). */
    public boolean reopens() {
        return reopens;
    }

    public static Optional<AlertType> parse(String text) {
        for (AlertType t : values()) {
            if (t.jsonName().equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
