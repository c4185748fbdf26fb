package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A gateway that publishes on behalf of the meters assigned to it.
 *
 * @param secret   the clear secret, present only in a document being imported; never exported
 * @param disabled a disabled gateway may no longer log in or publish; it stays in the registry; exported only when
 *                 true
 */
public record Gateway(String id, List<String> meters, @JsonIgnore String secret,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean disabled) {

    public Gateway {
        meters = List.copyOf(meters);
    }

    /** An enabled gateway: the constructor of the registry before gateways could be disabled. */
    public Gateway(String id, List<String> meters, String secret) {
        this(id, meters, secret, false);
    }

    public Gateway withoutSecret() {
        return new Gateway(id, meters, null, disabled);
    }
}
