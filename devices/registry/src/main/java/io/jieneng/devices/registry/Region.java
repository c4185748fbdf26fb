package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An administrative region (GB/T 2260 code).
 *
 * @param parent the code of the region one level up, or {@code null} for a province
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Region(String code, String name, RegionLevel level, String parent) {
}
