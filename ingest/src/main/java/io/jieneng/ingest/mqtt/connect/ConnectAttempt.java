package io.jieneng.ingest.mqtt.connect;

import java.net.InetAddress;
import java.util.function.BooleanSupplier;

/**
 * One CONNECT's credentials and where it comes from.
 *
 * @param username      the user name, {@code null} or empty for none
 * @param password      the password, or {@code null}
 * @param clientId      the client id (names an anonymous principal)
 * @param certificateId the CN of a verified client certificate, or {@code null}
 * @param source        the socket's remote address, or {@code null} when it has none
 * @param open          true while the socket is still open: a queued check of a socket that closed is skipped
 */
public record ConnectAttempt(String username, byte[] password, String clientId, String certificateId,
                             InetAddress source, BooleanSupplier open) {

    /** A password CONNECT from nowhere in particular, on a socket that stays open. */
    public static ConnectAttempt of(String username, byte[] password, String clientId) {
        return new ConnectAttempt(username, password, clientId, null, null, () -> true);
    }
}
