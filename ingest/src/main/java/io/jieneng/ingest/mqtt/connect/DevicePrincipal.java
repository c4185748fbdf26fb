package io.jieneng.ingest.mqtt.connect;

import java.util.Objects;

/**
 * Who is on the other end of an authenticated connection.
 *
 * @param id the meter or gateway id; for an anonymous connection, the client id
 */
public record DevicePrincipal(String id, Kind kind) {

    public enum Kind {
        /** A meter: may publish its own topic only. */
        METER,
        /** A gateway: may publish the topics of the meters assigned to it. */
        GATEWAY,
        /** Anonymous (only when allowed): may publish any registered meter's topic. */
        ANONYMOUS
    }

    public DevicePrincipal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    /** The device id to record (quarantine), or {@code null} for an anonymous connection. */
    public String deviceId() {
        return kind == Kind.ANONYMOUS ? null : id;
    }
}
