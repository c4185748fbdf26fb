package io.jieneng.analytics.alert;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** An alert's state: open, acknowledged by a user (still unresolved), or resolved by the engine. */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertStatus> parse(String text) {
        for (AlertStatus s : values()) {
            if (s.jsonName().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
