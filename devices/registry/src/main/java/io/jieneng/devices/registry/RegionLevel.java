package io.jieneng.devices.registry;

import java.util.Optional;

/** Administrative level of a region; a region's parent is always exactly one level up. */
public enum RegionLevel implements JsonEnum {
    PROVINCE, CITY, COUNTY;

    /** The level a parent of this level must have, or empty for a province. */
    public Optional<RegionLevel> parentLevel() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    public static Optional<RegionLevel> fromJson(String s) {
        return JsonEnum.parse(RegionLevel.class, s);
    }
}
