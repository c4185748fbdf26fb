package io.jieneng.ingest.server;

import org.jboss.logging.Logger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The client-certificate check of the TLS listener with a certificate revocation list
 * ({@code JIENENG_MQTT_TLS_CRL}): the JDK's PKIX check against the client CA bundle first, then every certificate
 * of the client's chain against the CRLs of its issuer. A revoked device certificate fails the handshake.
 *
 * <p>The file (PEM or DER, one or more CRLs) is read at start, where a file that cannot be read, holds no CRL, or
 * holds a CRL that no client CA signed stops the start. It is read again when its modification time changes
 * (checked at most every {@link #RECHECK_MILLIS} ms, at a handshake), so a new CRL applies without a restart; a
 * replacement that cannot be used is logged and the previous list kept. Revocation is not checked with PKIX's own
 * revocation support because that demands a CRL for every certificate of the path, intermediates included.
 */
final class CrlTrustManager extends X509ExtendedTrustManager {

    private static final Logger LOG = Logger.getLogger(CrlTrustManager.class);
    static final String SETTING = "JIENENG_MQTT_TLS_CRL";
    static final long RECHECK_MILLIS = 10_000;

    private record Loaded(List<X509CRL> crls, FileTime modified) {
    }

    private final X509ExtendedTrustManager pkix;
    private final List<X509Certificate> cas;
    private final Path file;
    private final LongSupplier millis;
    private volatile Loaded loaded;
    private volatile long checkedAt;

    CrlTrustManager(List<X509Certificate> cas, Path file, LongSupplier millis) {
        this.cas = List.copyOf(cas);
        this.file = file;
        this.millis = millis;
        this.pkix = pkix(cas);
        this.loaded = load();
        this.checkedAt = millis.getAsLong();
    }

    private static X509ExtendedTrustManager pkix(List<X509Certificate> cas) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the client-certificate trust manager: " + e, e);
        }
    }

    /** Reads and checks the file; throws IllegalArgumentException naming the setting and the file. */
    private Loaded load() {
        String where = SETTING + "=" + file;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            byte[] bytes = Files.readAllBytes(file);
            List<X509CRL> crls = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes))) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                throw new IllegalArgumentException(where + " holds no CRL: expected an X.509 CRL in DER or PEM "
                        + "('-----BEGIN X509 CRL-----')");
            }
            for (X509CRL crl : crls) {
                checkSigned(where, crl);
                if (crl.getNextUpdate() != null && crl.getNextUpdate().before(new Date())) {
                    LOG.warnf("The CRL of %s in %s is past its next update (%s); it still applies, but the CA "
                            + "should issue a new one", crl.getIssuerX500Principal().getName(), file,
                            crl.getNextUpdate());
                }
            }
            return new Loaded(List.copyOf(crls), modified);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " cannot be read: " + e, e);
        } catch (java.security.cert.CRLException | CertificateException e) {
            throw new IllegalArgumentException(where + " is not an X.509 CRL (DER or PEM): " + e.getMessage(), e);
        }
    }

    private void checkSigned(String where, X509CRL crl) {
        for (X509Certificate ca : cas) {
            if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(ca.getPublicKey());
                    return;
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(where + ": the CRL of " + crl.getIssuerX500Principal()
                            .getName() + " does not verify with that CA's key: " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException(where + ": the CRL is issued by " + crl.getIssuerX500Principal().getName()
                + ", which is not a CA of JIENENG_MQTT_TLS_CLIENT_CA");
    }

    /** The CRLs in force, re-read when the file changed since the last look. */
    List<X509CRL> crls() {
        long now = millis.getAsLong();
        if (now - checkedAt >= RECHECK_MILLIS) {
            checkedAt = now;
            try {
                if (!Files.getLastModifiedTime(file).equals(loaded.modified())) {
                    loaded = load();
                    LOG.infof("Reloaded the CRL file %s", file);
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("Keeping the previous CRLs: %s", e.getMessage());
            }
        }
        return loaded.crls();
    }

    private void checkRevoked(X509Certificate[] chain) throws CertificateException {
        List<X509CRL> crls = crls();
        for (X509Certificate cert : chain) {
            for (X509CRL crl : crls) {
                if (crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()) && crl.isRevoked(cert)) {
                    throw new CertificateException("the certificate " + cert.getSubjectX500Principal().getName()
                            + " (serial " + cert.getSerialNumber() + ") is revoked");
                }
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        checkRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        checkRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        checkRevoked(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the MQTT listener checks client certificates only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the MQTT listener checks client certificates only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the MQTT listener checks client certificates only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
