package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * Role of an API user (CONTRACT.md §3): {@code ADMIN} sees and changes everything, {@code AUDITOR} reads
 * everything, {@code INSTITUTION} reads one institution, {@code REGION} reads a region and every region below it.
 */
public enum UserRole {
    ADMIN, AUDITOR, INSTITUTION, REGION;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UserRole> fromJson(String s) {
        for (UserRole r : values()) {
            if (r.json().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
