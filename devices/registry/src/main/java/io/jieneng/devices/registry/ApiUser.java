package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user of the REST API.
 *
 * @param institution the one institution an {@code institution} user may read, else {@code null}
 * @param region      the region (and everything below) a {@code region} user may read, else {@code null}
 * @param password    the clear password, present only in a document being imported; never exported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiUser(String name, UserRole role, String institution, String region,
                      @JsonIgnore String password) {

    public ApiUser withoutPassword() {
        return new ApiUser(name, role, institution, region, null);
    }
}
