package io.jieneng.ingest.it;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import io.jieneng.ingest.testing.TestPki;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.jieneng.ingest.it.LiveIngest.T0;
import static io.jieneng.ingest.testing.TestRegistry.GATEWAY;
import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.PV;
import static io.jieneng.ingest.testing.TestRegistry.WATER;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** ACL refusals, the per-device rate, the per-address connection limit and TLS failures on a real server. */
class SecurityIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TestPki pki;
    static LiveIngest ingest;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir, "security");
        ingest = LiveIngest.start(Map.of("JIENENG_INGEST_MAX_MESSAGES_PER_SECOND", "2",
                "JIENENG_INGEST_MESSAGE_BURST", "2", "JIENENG_INGEST_MAX_CONNECTIONS_PER_IP", "4",
                "JIENENG_MQTT_TLS_CERT", pki.server().certificateFile().toString(),
                "JIENENG_MQTT_TLS_KEY", pki.server().keyFile().toString(),
                "JIENENG_MQTT_TLS_CLIENT_CA", pki.caFile().toString()));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    static String topic(String meter) {
        return "meters/" + meter + "/readings";
    }

    static byte[] energy(long ts) {
        return ("{\"ts\":" + ts + ",\"energyKwh\":1}").getBytes(StandardCharsets.UTF_8);
    }

    MqttAsyncClient v5(String uri, String user, String password) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(uri, "sec5-" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        if (uri.startsWith("ssl")) {
            o.setSocketFactory(pki.clientContext(pki.device(MAIN)).getSocketFactory());
        }
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    static int code(IMqttToken token) throws Exception {
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    @Test
    void aForeignTopicIsRefusedAndQuarantined() throws Exception {
        long ts = T0 + 1000;
        MqttAsyncClient meter = v5(ingest.plainUri(), MAIN, secret(MAIN));
        assertThat(code(meter.publish(topic(HVAC), energy(ts), 1, false))).isEqualTo(0x87);
        meter.disconnect().waitForCompletion(10_000);
        MqttAsyncClient gateway = v5(ingest.plainUri(), GATEWAY, secret(GATEWAY));
        assertThat(code(gateway.publish(topic(MAIN), energy(ts), 1, false))).isEqualTo(0x87);
        gateway.disconnect().waitForCompletion(10_000);
        // MQTT 3.1.1 cannot refuse: the connection is closed.
        MqttClient v3 = new MqttClient(ingest.plainUri(), "sec3-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(MAIN);
        o.setPassword(secret(MAIN).toCharArray());
        v3.connect(o);
        assertThatThrownBy(() -> v3.publish(topic(HVAC), energy(ts), 1, false)).isInstanceOf(MqttException.class);
        v3.close(true);

        await().atMost(WAIT).untilAsserted(() -> assertThat(ingest.quarantine.recent(Optional.empty(), 10))
                .extracting(QuarantineEntry::reason).containsOnly("topic_not_allowed").hasSize(3));
        assertThat(ingest.stored(HVAC)).isEmpty();
    }

    @Test
    void mqtt5OverTheRateIsRefusedWith0x97AndOnlyTheAcceptedAreStored() throws Exception {
        MqttAsyncClient pv = v5(ingest.plainUri(), PV, secret(PV));
        List<IMqttToken> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tokens.add(pv.publish(topic(PV), ("{\"ts\":" + (T0 + i * 1000) + ",\"energyKwh\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8), 1, false));
        }
        List<Long> accepted = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int c = code(tokens.get(i));
            if (c == 0) {
                accepted.add(T0 + i * 1000);
            } else {
                assertThat(c).isEqualTo(0x97);
                refused++;
            }
        }
        pv.disconnect().waitForCompletion(10_000);
        assertThat(accepted.size()).isBetween(2, 3);
        assertThat(refused).isEqualTo(6 - accepted.size());
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingest.stored(PV)).extracting(StoredReading::tsMillis)
                .containsExactlyElementsOf(accepted));
        assertThat(ingest.counter(IngestMetrics.RATE_LIMITED, "action", "refused")).isEqualTo(refused);
    }

    @Test
    void mqtt311OverTheRateIsSlowedDownAndEverythingIsStored() throws Exception {
        MqttClient water = new MqttClient(ingest.plainUri(), "slow-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(WATER);
        o.setPassword(secret(WATER).toCharArray());
        water.connect(o);
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            water.publish(topic(WATER), ("{\"ts\":" + (T0 + i * 1000) + ",\"volumeM3\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8), 1, false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        water.disconnect();
        water.close();
        // Two at once, then two per second: six more take about three seconds.
        assertThat(seconds).isGreaterThan(2.4);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ingest.stored(WATER)).hasSize(8));
        assertThat(ingest.counter(IngestMetrics.RATE_LIMITED, "action", "slowed")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void anAddressOverItsConnectionLimitIsClosedAtAccept() throws Exception {
        InetAddress crowded = InetAddress.getByName("127.0.0.3");
        List<RawMqttClient> open = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RawMqttClient c = new RawMqttClient(ingest.server.port(), crowded);
            // A CONNACK proves the server counted this socket before the next one is opened.
            assertThat(connack(c, "crowd-" + i)).isZero();
            open.add(c);
        }
        double before = ingest.counter(IngestMetrics.IP_REFUSED);
        try (RawMqttClient fifth = new RawMqttClient(ingest.server.port(), crowded)) {
            assertThat(fifth.untilClosed(Duration.ofSeconds(5))).isEmpty();
        }
        assertThat(ingest.counter(IngestMetrics.IP_REFUSED) - before).isEqualTo(1);
        try (RawMqttClient elsewhere = new RawMqttClient(ingest.server.port(), InetAddress.getByName("127.0.0.4"))) {
            assertThat(connack(elsewhere, "elsewhere")).isZero();
        }
        open.get(0).close();
        await().atMost(WAIT).untilAsserted(() -> {
            try (RawMqttClient again = new RawMqttClient(ingest.server.port(), crowded)) {
                again.send(MqttMessage.PINGREQ);
                // An admitted socket is closed for a protocol error (PINGREQ before CONNECT), not at accept.
                assertThat(again.untilClosed(Duration.ofSeconds(5))).isEmpty();
            }
            assertThat(ingest.counter(IngestMetrics.IP_REFUSED) - before).isEqualTo(1);
        });
        for (RawMqttClient c : open.subList(1, open.size())) {
            c.close();
        }
    }

    static int connack(RawMqttClient client, String clientId) throws Exception {
        client.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId)
                .hasUser(true).username(MAIN).hasPassword(true)
                .password(secret(MAIN).getBytes(StandardCharsets.UTF_8)).build());
        return ((MqttConnAckMessage) client.read(WAIT)).variableHeader().connectReturnCode().byteValue();
    }

    @Test
    void tlsFailuresAreCountedAndAMismatchedCertificateIsRefused() throws Exception {
        double before = ingest.counter(IngestMetrics.TLS_HANDSHAKE_FAILURES);
        try (RawMqttClient plain = new RawMqttClient(ingest.server.tlsPort())) {
            plain.sendRaw(new byte[]{0x10, 0x0c, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00});
            plain.untilClosed(Duration.ofSeconds(10));
        }
        await().atMost(WAIT).until(() -> ingest.counter(IngestMetrics.TLS_HANDSHAKE_FAILURES) - before == 1);

        // The certificate says gov-e-main; claiming to be gov-e-hvac is refused even with its password.
        assertThatThrownBy(() -> v5(ingest.tlsUri(), HVAC, secret(HVAC))).isInstanceOfSatisfying(
                org.eclipse.paho.mqttv5.common.MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        // With only the certificate, it is gov-e-main.
        MqttAsyncClient main = v5(ingest.tlsUri(), null, null);
        assertThat(code(main.publish(topic(MAIN), energy(T0 + 5000), 1, false))).isZero();
        main.disconnect().waitForCompletion(10_000);
    }
}
