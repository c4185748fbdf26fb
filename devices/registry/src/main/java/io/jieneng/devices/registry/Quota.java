package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The energy quota (能耗定额) of an institution for a calendar year. Any indicator may be {@code null}.
 *
 * @param totalKgce        total comprehensive energy, kgce
 * @param kgcePerCapita    kgce per occupant
 * @param kgcePerM2        kgce per m² of floor area
 * @param waterM3PerCapita m³ of water per occupant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quota(String institution, int year, Double totalKgce, Double kgcePerCapita, Double kgcePerM2,
                    Double waterM3PerCapita) {
}
