package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.testing.TestPki;
import io.jieneng.ingest.testing.TestRegistry;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.jieneng.ingest.server.MqttWire.connectBuilder;
import static io.jieneng.ingest.server.MqttWire.publish;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS pipeline with real SslHandlers at both ends: server authentication, mTLS, and configuration errors. */
class TlsTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki rogue;

    @BeforeAll
    static void makePki() {
        pki = TestPki.create(dir, "jieneng-test");
        rogue = TestPki.create(dir, "rogue");
    }

    static TlsSettings settings(TlsSettings.ClientAuth auth) {
        return new TlsSettings(0, pki.server().certificateFile(), pki.server().keyFile(),
                auth == TlsSettings.ClientAuth.NONE ? null : pki.caFile(), auth);
    }

    static MqttHarness harness(TlsSettings.ClientAuth auth) {
        return new MqttHarness(MqttHarness.Options.defaults().tls(TlsContexts.server(settings(auth))));
    }

    /** A device's client context: trusts {@code trusted}'s CA, presents {@code device} (null: no certificate). */
    static SslContext client(TestPki trusted, TestPki.Issued device) throws Exception {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trusted.ca());
        if (device != null) {
            b.keyManager(device.key(), device.certificate());
        }
        return b.build();
    }

    static int connack(MqttWire wire, MqttVersion version, String user, String password) {
        wire.send(connectBuilder(version, "tls-" + user, user, password, true).build());
        return ConnectTest.returnCode(wire.receiveOne());
    }

    @Test
    void aDeviceConnectsOverTlsWithItsPassword() throws Exception {
        MqttHarness harness = harness(TlsSettings.ClientAuth.NONE);
        MqttWire wire = harness.connectTls(client(pki, null));
        assertThat(connack(wire, MqttVersion.MQTT_5, MAIN, secret(MAIN))).isZero();
        wire.send(publish(PublishTest.TOPIC, 1, 1, PublishTest.VALID));
        harness.writeBatch();
        assertThat(MqttWire.reasonOf(wire.receiveOne())).isZero();
        assertThat(harness.sink.all()).containsExactly(PublishTest.VALID_READING);
    }

    @ParameterizedTest(name = "MQTT {0}, user name {1}")
    @CsvSource({"MQTT_3_1_1, ", "MQTT_5, ", "MQTT_3_1_1, gov-e-main", "MQTT_5, gov-e-main"})
    void aClientCertificateIsTheDeviceIdAndNeedsNoPassword(MqttVersion version, String user) throws Exception {
        MqttHarness harness = harness(TlsSettings.ClientAuth.REQUIRE);
        MqttWire wire = harness.connectTls(client(pki, pki.device(MAIN)));
        assertThat(connack(wire, version, user, null)).isZero();
        // The certificate made it gov-e-main: its own topic is allowed, another meter's is not.
        wire.send(publish(PublishTest.TOPIC, 1, 1, PublishTest.VALID));
        harness.writeBatch();
        assertThat(wire.receiveOne().fixedHeader().messageType().name()).isEqualTo("PUBACK");
        wire.send(publish("meters/" + TestRegistry.HVAC + "/readings", 1, 2, PublishTest.VALID));
        if (version == MqttVersion.MQTT_5) {
            assertThat(MqttWire.reasonOf(wire.receiveOne())).isEqualTo(0x87);
        } else {
            assertThat(wire.isOpen()).isFalse();
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @CsvSource({"MQTT_3_1_1, 4", "MQTT_5, 134"})
    void aUserNameOtherThanTheCertificatesCnIsRefused(MqttVersion version, int code) throws Exception {
        MqttHarness harness = harness(TlsSettings.ClientAuth.REQUIRE);
        MqttWire wire = harness.connectTls(client(pki, pki.device(MAIN)));
        // Even with the other device's right password: the certificate says who this is.
        assertThat(connack(wire, version, TestRegistry.HVAC, secret(TestRegistry.HVAC))).isEqualTo(code);
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void aCertificateForADeviceNotInTheRegistryIsRefused() throws Exception {
        MqttWire wire = harness(TlsSettings.ClientAuth.REQUIRE).connectTls(client(pki, pki.device("not-a-meter")));
        assertThat(connack(wire, MqttVersion.MQTT_5, null, null)).isEqualTo(0x86);
    }

    @Test
    void withoutAClientCertificateARequiringListenerFailsTheHandshakeAndCountsIt() throws Exception {
        MqttHarness harness = harness(TlsSettings.ClientAuth.REQUIRE);
        MqttWire wire = harness.connectTls(client(pki, null));
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.TLS_HANDSHAKE_FAILURES)).isEqualTo(1);
        assertThat(harness.counter(IngestMetrics.ERRORS)).isZero();
    }

    @Test
    void aCertificateFromAnotherCaProvesNothing() throws Exception {
        MqttHarness requiring = harness(TlsSettings.ClientAuth.REQUIRE);
        MqttWire refused = requiring.connectTls(client(pki, rogue.device(MAIN)));
        assertThat(refused.isOpen()).isFalse();
        assertThat(requiring.counter(IngestMetrics.TLS_HANDSHAKE_FAILURES)).isEqualTo(1);
        // Where certificates are optional the device is simply not identified by it: no credentials, no entry.
        MqttWire anonymous = harness(TlsSettings.ClientAuth.OPTIONAL).connectTls(client(pki, rogue.device(MAIN)));
        assertThat(connack(anonymous, MqttVersion.MQTT_5, null, null)).isEqualTo(0x87);
    }

    @Test
    void anOptionalListenerLetsDevicesWithoutCertificateUseTheirPassword() throws Exception {
        MqttHarness harness = harness(TlsSettings.ClientAuth.OPTIONAL);
        assertThat(connack(harness.connectTls(client(pki, null)), MqttVersion.MQTT_5, MAIN, secret(MAIN)))
                .isZero();
        assertThat(connack(harness.connectTls(client(pki, null)), MqttVersion.MQTT_5, MAIN, "wrong"))
                .isEqualTo(0x86);
    }

    @Test
    void plainMqttOnTheTlsListenerIsAFailedHandshake() {
        MqttHarness harness = harness(TlsSettings.ClientAuth.NONE);
        MqttWire wire = new MqttWire(harness.connectTls(null).server, null);
        wire.send(MqttWire.connect(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN), 60));
        assertThat(wire.isOpen()).isFalse();
        assertThat(harness.counter(IngestMetrics.TLS_HANDSHAKE_FAILURES)).isEqualTo(1);
        assertThat(harness.counter(IngestMetrics.ERRORS)).isZero();
    }

    @Test
    void unusableFilesFailAtStartWithTheSettingAndTheFix() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(0, missing, pki.server().keyFile(), null,
                TlsSettings.ClientAuth.NONE))).hasMessageContaining("JIENENG_MQTT_TLS_CERT")
                .hasMessageContaining("missing.pem");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnope\n"
                + "-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(0, garbage, pki.server().keyFile(), null,
                TlsSettings.ClientAuth.NONE))).hasMessageContaining("JIENENG_MQTT_TLS_CERT")
                .hasMessageContaining("not a PEM certificate");
        // The key of another pair.
        assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(0, pki.server().certificateFile(),
                rogue.server().keyFile(), null, TlsSettings.ClientAuth.NONE)))
                .hasMessageContaining("JIENENG_MQTT_TLS_KEY").hasMessageContaining("does not belong");
        String sec1 = Files.readString(pki.server().keyFile()).replace("PRIVATE KEY", "EC PRIVATE KEY");
        Path oldFormat = Files.writeString(dir.resolve("sec1.pem"), sec1);
        assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(0, pki.server().certificateFile(), oldFormat,
                null, TlsSettings.ClientAuth.NONE))).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(0, pki.server().certificateFile(), encrypted,
                null, TlsSettings.ClientAuth.NONE))).hasMessageContaining("encrypted");
        Path empty = Files.writeString(dir.resolve("empty-ca.pem"), "");
        assertThatThrownBy(() -> TlsContexts.server(new TlsSettings(0, pki.server().certificateFile(),
                pki.server().keyFile(), empty, TlsSettings.ClientAuth.REQUIRE)))
                .hasMessageContaining("JIENENG_MQTT_TLS_CLIENT_CA").hasMessageContaining("no certificate");
    }
}
