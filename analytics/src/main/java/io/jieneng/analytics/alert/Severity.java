package io.jieneng.analytics.alert;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How urgent an alert is; each {@link AlertType} has a fixed severity (docs/ALERTS.md). */
public enum Severity {
    /** Worth knowing; no action needed yet. */
    INFO,
    /** Needs attention: data is being lost, energy wasted, or a limit missed. */
    WARNING,
    /** A binding limit is broken. */
    CRITICAL;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
