package io.jieneng.ingest.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS listener (docs/CONTRACT.md §1: 8883). Files are PEM; they are read and checked when the server starts.
 *
 * @param port             0 binds any free port
 * @param certificateChain the server certificate first, then its intermediates
 * @param privateKey       the server's unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY})
 * @param clientCa         CA certificates that sign device certificates, or {@code null} without mTLS
 * @param clientAuth       whether a device must present a certificate signed by {@code clientCa}
 * @param crl              X.509 CRLs (PEM or DER) of {@code clientCa}, or {@code null}: a revoked device
 *                         certificate fails the handshake
 */
public record TlsSettings(int port, Path certificateChain, Path privateKey, Path clientCa, ClientAuth clientAuth,
                          Path crl) {

    /** Client-certificate authentication (mTLS). */
    public enum ClientAuth {
        /** No certificate is asked for. */
        NONE,
        /** A certificate is asked for; a device without one authenticates with its password. */
        OPTIONAL,
        /** The handshake fails without a valid certificate. */
        REQUIRE
    }

    public TlsSettings {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientAuth, "clientAuth");
        if (clientAuth != ClientAuth.NONE && clientCa == null) {
            throw new IllegalArgumentException("client certificates need a client CA");
        }
        if (crl != null && clientAuth == ClientAuth.NONE) {
            throw new IllegalArgumentException("a CRL needs client certificates");
        }
    }

    /** Without a CRL. */
    public TlsSettings(int port, Path certificateChain, Path privateKey, Path clientCa, ClientAuth clientAuth) {
        this(port, certificateChain, privateKey, clientCa, clientAuth, null);
    }
}
