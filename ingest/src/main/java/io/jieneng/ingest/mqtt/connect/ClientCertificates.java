package io.jieneng.ingest.mqtt.connect;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * The device id a verified client certificate names (mTLS): the subject's common name. The TLS handshake has
 * already checked the certificate against the configured client CA; a connection without TLS, or whose client
 * sent no certificate, has none.
 */
final class ClientCertificates {

    private ClientCertificates() {
    }

    /** The CN of {@code channel}'s verified client certificate, or {@code null}. */
    public static String deviceId(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509
                    ? commonName(x509.getSubjectX500Principal()) : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    /** The most specific (left-most) CN of {@code subject}, or {@code null} when it has none. */
    static String commonName(X500Principal subject) {
        try {
            String cn = null;
            // LdapName lists RDNs right to left, so the last CN seen is the left-most one.
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = rdn.getValue().toString();
                }
            }
            return cn == null || cn.isEmpty() ? null : cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
