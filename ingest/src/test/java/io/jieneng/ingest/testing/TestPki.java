package io.jieneng.ingest.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away certificate authority for TLS tests, made at run time with Bouncy Castle (nothing is committed):
 * a CA, a server certificate for {@code localhost} / {@code 127.0.0.1}, and device certificates whose CN is a
 * device id. Everything is also written as PEM files, as an operator would configure them.
 */
public final class TestPki {

    /** A certificate, its key, and their PEM files. */
    public record Issued(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;
    private final Issued server;

    private TestPki(Path dir, String name) throws Exception {
        this.dir = dir;
        this.caKeys = keyPair();
        X500Name subject = new X500Name("CN=" + name + ",O=Jieneng test");
        X509v3CertificateBuilder b = builder(subject, subject, caKeys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca = sign(b, caKeys.getPrivate());
        this.caFile = writeCertificates(dir.resolve(name + "-ca.pem"), ca);
        this.server = issue("localhost", KeyPurposeId.id_kp_serverAuth, true);
    }

    /** A new CA (and its server certificate) whose files go to {@code dir}. */
    public static TestPki create(Path dir, String name) {
        try {
            return new TestPki(dir, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test PKI", e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** The CA certificate as PEM: the client CA bundle of the server, the trust anchor of devices. */
    public Path caFile() {
        return caFile;
    }

    /** The server certificate (CN=localhost, SAN localhost and 127.0.0.1) and its PKCS#8 key. */
    public Issued server() {
        return server;
    }

    /** A device certificate with {@code CN=deviceId}. */
    public Issued device(String deviceId) {
        try {
            return issue(deviceId, KeyPurposeId.id_kp_clientAuth, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a CRL of this CA that revokes {@code revoked} to {@code file}, PEM or DER; valid from an hour ago for
     * a day.
     */
    public Path crl(Path file, boolean pem, X509Certificate... revoked) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(Duration.ofHours(1))));
            b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            for (X509Certificate c : revoked) {
                b.addCRLEntry(c.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(5))), CRLReason.keyCompromise);
            }
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())).getEncoded();
            return pem ? Files.writeString(file, pem("X509 CRL", der), StandardCharsets.US_ASCII) : Files.write(file, der);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test CRL", e);
        }
    }

    /** A client SSLContext that trusts this CA and, unless {@code device} is null, presents its certificate. */
    public SSLContext clientContext(Issued device) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (device != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("device", device.key(), new char[0],
                        new java.security.cert.Certificate[]{device.certificate(), ca});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued issue(String cn, KeyPurposeId purpose, boolean serverNames) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder b = builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + cn + ",O=Jieneng test"), keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (serverNames) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        X509Certificate cert = sign(b, caKeys.getPrivate());
        String base = cn.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + SERIAL.get();
        Path certFile = writeCertificates(dir.resolve(base + ".crt.pem"), cert, ca);
        Path keyFile = dir.resolve(base + ".key.pem");
        Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        return new Issued(cert, keys.getPrivate(), certFile, keyFile);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Path writeCertificates(Path file, X509Certificate... certificates) throws Exception {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            out.append(pem("CERTIFICATE", c.getEncoded()));
        }
        return Files.writeString(file, out, StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
