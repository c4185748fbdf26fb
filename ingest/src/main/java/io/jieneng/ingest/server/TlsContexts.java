package io.jieneng.ingest.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the TLS listener's SslContext (JDK provider) from PEM files, and fails at start-up with a message that
 * names the setting, the file and the fix when a file is missing, unreadable, in the wrong format, or when the key
 * does not belong to the certificate.
 */
final class TlsContexts {

    private static final Logger LOG = Logger.getLogger(TlsContexts.class);
    private static final String CERT_KEY = "JIENENG_MQTT_TLS_CERT";
    private static final String KEY_KEY = "JIENENG_MQTT_TLS_KEY";
    private static final String CA_KEY = "JIENENG_MQTT_TLS_CLIENT_CA";

    private TlsContexts() {
    }

    /** The server context for {@code tls}; throws IllegalArgumentException explaining any problem. */
    static SslContext server(TlsSettings tls) {
        List<X509Certificate> chain = certificates(CERT_KEY, tls.certificateChain());
        PrivateKey key = privateKey(tls.privateKey(), chain.get(0));
        checkValidity(chain.get(0), tls.certificateChain());
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
                .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2");
        if (tls.clientCa() != null && tls.clientAuth() != TlsSettings.ClientAuth.NONE) {
            List<X509Certificate> cas = certificates(CA_KEY, tls.clientCa());
            if (tls.crl() != null) {
                builder.trustManager(new CrlTrustManager(cas, tls.crl(), System::currentTimeMillis));
            } else {
                builder.trustManager(cas.toArray(new X509Certificate[0]));
            }
            builder.clientAuth(tls.clientAuth() == TlsSettings.ClientAuth.REQUIRE ? ClientAuth.REQUIRE
                            : ClientAuth.OPTIONAL);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("The TLS listener cannot use " + tls.certificateChain() + " and "
                    + tls.privateKey() + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate of a PEM file, in file order. */
    static List<X509Certificate> certificates(String setting, Path file) {
        byte[] pem = read(setting, file);
        try {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                    .forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw new IllegalArgumentException(setting + "=" + file + " holds no certificate: expected PEM "
                        + "blocks '-----BEGIN CERTIFICATE-----'");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(setting + "=" + file + " is not a PEM certificate file "
                    + "('-----BEGIN CERTIFICATE-----' blocks): " + e.getMessage(), e);
        }
    }

    /** The PKCS#8 key of {@code file}, checked to belong to {@code certificate}. */
    static PrivateKey privateKey(Path file, X509Certificate certificate) {
        String pem = new String(read(KEY_KEY, file), StandardCharsets.US_ASCII);
        String where = KEY_KEY + "=" + file;
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException(where + " is encrypted; give the unencrypted key "
                    + "(openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem) and protect it by file "
                    + "permissions");
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException(where + " is a PKCS#1/SEC1 key; convert it to PKCS#8: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(where + " holds no '-----BEGIN PRIVATE KEY-----' block (an "
                    + "unencrypted PKCS#8 key in PEM)");
        }
        String algorithm = certificate.getPublicKey().getAlgorithm();
        PrivateKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(where + " is not a " + algorithm + " private key, as the certificate "
                    + "of " + CERT_KEY + " needs: " + e.getMessage(), e);
        }
        if (!belongsTo(key, certificate)) {
            throw new IllegalArgumentException(where + " does not belong to the certificate "
                    + certificate.getSubjectX500Principal().getName() + " (first in " + CERT_KEY + "): the key "
                    + "and the certificate are from different pairs");
        }
        return key;
    }

    /** Signs a random challenge with {@code key} and verifies it with the certificate's public key. */
    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            LOG.warnf("Cannot check that the %s TLS key belongs to its certificate", key.getAlgorithm());
            return true;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkValidity(X509Certificate certificate, Path file) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            // Devices will refuse it, but an operator replacing it should not have to restart twice.
            LOG.warnf("The TLS certificate in %s is not valid now: %s", file, e.getMessage());
        }
    }

    private static byte[] read(String setting, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + "=" + file + " cannot be read: " + e, e);
        }
    }
}
