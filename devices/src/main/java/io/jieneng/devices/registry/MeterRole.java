package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * The role of an electricity meter. {@code MAIN} counts toward the institution's grid import and export;
 * {@code SUB} is a breakdown only and never adds to totals (DOMAIN.md §2).
 */
public enum MeterRole {
    MAIN, SUB;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MeterRole> fromJson(String s) {
        for (MeterRole r : values()) {
            if (r.json().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
