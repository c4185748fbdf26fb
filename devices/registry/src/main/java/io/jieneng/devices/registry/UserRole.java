package io.jieneng.devices.registry;

import java.util.Optional;

/**
 * Role of an API user (docs/CONTRACT.md §3): {@code ADMIN} sees and changes everything, {@code AUDITOR} reads
 * everything, {@code INSTITUTION} reads one institution, {@code REGION} reads a region and every region below it.
 */
public enum UserRole implements JsonEnum {
    ADMIN, AUDITOR, INSTITUTION, REGION;

    public static Optional<UserRole> fromJson(String s) {
        return JsonEnum.parse(UserRole.class, s);
    }
}
