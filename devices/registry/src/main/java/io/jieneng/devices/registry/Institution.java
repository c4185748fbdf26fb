package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A public institution whose energy is monitored.
 *
 * @param region      code of the region it belongs to
 * @param category    free text such as {@code government}, {@code school}, {@code hospital}
 * @param floorAreaM2 building floor area in m², or {@code null} when unknown
 * @param occupants   number of staff (用能人数), or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Institution(String id, String name, String region, String category, Double floorAreaM2,
                          Integer occupants) {
}
