package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A gateway that publishes on behalf of the meters assigned to it.
 *
 * @param secret the clear secret, present only in a document being imported; never exported
 */
public record Gateway(String id, List<String> meters, @JsonIgnore String secret) {

    public Gateway {
        meters = List.copyOf(meters);
    }

    public Gateway withoutSecret() {
        return new Gateway(id, meters, null);
    }
}
