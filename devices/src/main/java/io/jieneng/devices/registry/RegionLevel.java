package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Administrative level of a region; a region's parent is always exactly one level up. */
public enum RegionLevel {
    PROVINCE, CITY, COUNTY;

    /** The level a parent of this level must have, or empty for a province. */
    public Optional<RegionLevel> parentLevel() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RegionLevel> fromJson(String s) {
        for (RegionLevel l : values()) {
            if (l.json().equals(s)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
