package io.jieneng.devices.registry;

import java.util.Optional;

/**
 * The role of an electricity meter. {@code MAIN} counts toward the institution's grid import and export;
 * {@code SUB} is a breakdown only and never adds to totals (docs/DOMAIN.md §2).
 */
public enum MeterRole implements JsonEnum {
    MAIN, SUB;

    public static Optional<MeterRole> fromJson(String s) {
        return JsonEnum.parse(MeterRole.class, s);
    }
}
