package io.jieneng.ingest.mqtt.connect;

import java.util.Objects;

/**
 * Who is on the other end of an authenticated connection.
 *
 * @param id the meter or gateway id; for an anonymous connection, the client id; for the bridge, the meter its
 *           message's topic names
 */
public record DevicePrincipal(String id, Kind kind) {

    public enum Kind {
        /** A meter: may publish its own topic only. */
        METER,
        /** A gateway: may publish the topics of the meters assigned to it. */
        GATEWAY,
        /**
         * The broker bridge, which the external broker's own authentication and ACL stand behind: may publish the
         * topic of any meter that is not disabled. Never a connection to the MQTT listener.
         */
        BRIDGE,
        /**
         * Anonymous (only when {@code JIENENG_MQTT_ALLOW_ANONYMOUS=true}): may connect and ping, and publish
         * nothing; an anonymous client proves nothing about the readings it would send.
         */
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
