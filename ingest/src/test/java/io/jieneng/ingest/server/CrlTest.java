package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.testing.TestPki;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revocation of device certificates with {@code JIENENG_MQTT_TLS_CRL} (issue 12, item 3). */
class CrlTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki rogue;
    static TestPki.Issued revoked;
    static TestPki.Issued good;

    @BeforeAll
    static void makePki() {
        pki = TestPki.create(dir, "crl-test");
        rogue = TestPki.create(dir, "crl-rogue");
        revoked = pki.device(MAIN);
        good = pki.device(HVAC);
    }

    static MqttHarness harness(Path crl) {
        return new MqttHarness(MqttHarness.Options.defaults().tls(TlsContexts.server(new TlsSettings(0,
                pki.server().certificateFile(), pki.server().keyFile(), pki.caFile(),
                TlsSettings.ClientAuth.REQUIRE, crl))));
    }

    @ParameterizedTest(name = "PEM {0}")
    @ValueSource(booleans = {true, false})
    void aRevokedCertificateFailsTheHandshakeAndAnotherStillConnects(boolean pem) throws Exception {
        Path crl = pki.crl(dir.resolve("devices-" + pem + ".crl"), pem, revoked.certificate());
        MqttHarness harness = harness(crl);
        MqttWire refused = harness.connectTls(TlsTest.client(pki, revoked));
        assertThat(refused.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.TLS_HANDSHAKE_FAILURES)).isEqualTo(1);
        MqttWire accepted = harness.connectTls(TlsTest.client(pki, good));
        assertThat(TlsTest.connack(accepted, MqttVersion.MQTT_5, null, null)).isZero();
    }

    @Test
    void withoutTheCrlTheSameCertificateConnects() throws Exception {
        MqttWire wire = harness(null).connectTls(TlsTest.client(pki, revoked));
        assertThat(TlsTest.connack(wire, MqttVersion.MQTT_5, null, null)).isZero();
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Path file = pki.crl(dir.resolve("rotating.crl"), true);
        AtomicLong now = new AtomicLong(0);
        CrlTrustManager tm = new CrlTrustManager(List.of(pki.ca()), file, now::get);
        tm.checkClientTrusted(new java.security.cert.X509Certificate[]{revoked.certificate(), pki.ca()}, "EC");
        pki.crl(file, true, revoked.certificate());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        now.set(CrlTrustManager.RECHECK_MILLIS);
        assertThatThrownBy(() -> tm.checkClientTrusted(
                new java.security.cert.X509Certificate[]{revoked.certificate(), pki.ca()}, "EC"))
                .hasMessageContaining("revoked");
        // A broken replacement keeps the last good list.
        Files.writeString(file, "not a crl");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        now.set(2 * CrlTrustManager.RECHECK_MILLIS);
        assertThat(tm.crls()).hasSize(1);
    }

    @Test
    void anUnusableCrlStopsTheStartNamingTheKey() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.crl"), "nope");
        assertThatThrownBy(() -> harness(garbage)).hasMessageContaining("JIENENG_MQTT_TLS_CRL")
                .hasMessageContaining("garbage.crl");
        Path foreign = rogue.crl(dir.resolve("foreign.crl"), true, revoked.certificate());
        assertThatThrownBy(() -> harness(foreign)).hasMessageContaining("JIENENG_MQTT_TLS_CRL")
                .hasMessageContaining("not a CA of JIENENG_MQTT_TLS_CLIENT_CA");
        assertThatThrownBy(() -> harness(dir.resolve("missing.crl"))).hasMessageContaining("cannot be read");
    }
}
