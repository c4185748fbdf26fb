package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user of the REST API.
 *
 * @param institution the one institution an {@code institution} user may read, else {@code null}
 * @param region      the region (and everything below) a {@code region} user may read, else {@code null}
 * @param password    the clear password, present only in a document being imported; never exported
 * @param disabled    a disabled user is refused (401) but stays in the registry; exported only when true
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiUser(String name, UserRole role, String institution, String region,
                      @JsonIgnore String password,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean disabled) {

    /** An enabled user: the constructor of the registry before users could be disabled. */
    public ApiUser(String name, UserRole role, String institution, String region, String password) {
        this(name, role, institution, region, password, false);
    }

    public ApiUser withoutPassword() {
        return new ApiUser(name, role, institution, region, null, disabled);
    }
}
