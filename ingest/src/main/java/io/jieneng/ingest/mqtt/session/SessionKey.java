package io.jieneng.ingest.mqtt.session;

import io.jieneng.ingest.mqtt.connect.DevicePrincipal;

import java.util.Objects;

/**
 * What a session belongs to: the authenticated device AND the client id it connected with. A client id alone is
 * not enough, because any device chooses its own: keyed by client id only, one device could take over (and so
 * disconnect) another's session by connecting with the same id. Scoped to the device, two devices that happen
 * to use the same client id simply have two sessions.
 *
 * @param device   the principal's kind and id, e.g. {@code meter:gov-e-main}
 * @param clientId the MQTT client identifier
 */
public record SessionKey(String device, String clientId) {

    public SessionKey {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(clientId, "clientId");
    }

    public static SessionKey of(DevicePrincipal principal, String clientId) {
        return new SessionKey(principal.kind().name().toLowerCase(java.util.Locale.ROOT) + ':' + principal.id(),
                clientId);
    }
}
