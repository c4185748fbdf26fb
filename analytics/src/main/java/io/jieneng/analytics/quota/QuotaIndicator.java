package io.jieneng.analytics.quota;

import com.fasterxml.jackson.annotation.JsonValue;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Quota;

/**
 * The four quota indicators of docs/DOMAIN.md §5, what each divides by, and where its limit sits in a {@link Quota}.
 * Every indicator is a year-to-date amount of comprehensive energy (kgce) or water (m³), divided by nothing, by the
 * institution's occupants or by its floor area.
 */
public enum QuotaIndicator {
    TOTAL_KGCE("totalKgce", "kgce", false, Divisor.NONE),
    KGCE_PER_CAPITA("kgcePerCapita", "kgce/person", false, Divisor.OCCUPANTS),
    KGCE_PER_M2("kgcePerM2", "kgce/m2", false, Divisor.FLOOR_AREA),
    WATER_M3_PER_CAPITA("waterM3PerCapita", "m3/person", true, Divisor.OCCUPANTS);

    /** What an indicator divides its amount by. */
    public enum Divisor {
        NONE, OCCUPANTS, FLOOR_AREA
    }

    private final String json;
    private final String unit;
    private final boolean water;
    private final Divisor divisor;

    QuotaIndicator(String json, String unit, boolean water, Divisor divisor) {
        this.json = json;
        this.unit = unit;
        this.water = water;
        this.divisor = divisor;
    }

    /** The API's name, as in the registry's quota: {@code totalKgce, kgcePerCapita, kgcePerM2, waterM3PerCapita}. */
    @JsonValue
    public String jsonName() {
        return json;
    }

    /** The unit of the indicator's quota, actual and projection. */
    public String unit() {
        return unit;
    }

    /** True when the indicator measures water (m³); otherwise it measures comprehensive energy (kgce). */
    public boolean water() {
        return water;
    }

    public Divisor divisor() {
        return divisor;
    }

    /** The limit {@code quota} sets for this indicator, or null when it sets none. */
    public Double limit(Quota quota) {
        return switch (this) {
            case TOTAL_KGCE -> quota.totalKgce();
            case KGCE_PER_CAPITA -> quota.kgcePerCapita();
            case KGCE_PER_M2 -> quota.kgcePerM2();
            case WATER_M3_PER_CAPITA -> quota.waterM3PerCapita();
        };
    }

    /**
     * What the amount is divided by for {@code institution}: 1 for a total, else its occupants or floor area, or
     * null when that is unknown or not positive (the indicator cannot be computed).
     */
    public Double divisorOf(Institution institution) {
        Number n = switch (divisor) {
            case NONE -> 1.0;
            case OCCUPANTS -> institution.occupants();
            case FLOOR_AREA -> institution.floorAreaM2();
        };
        return n == null || !(n.doubleValue() > 0) ? null : n.doubleValue();
    }
}
