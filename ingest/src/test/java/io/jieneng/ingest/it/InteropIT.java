package io.jieneng.ingest.it;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.testing.TestPki;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.jieneng.ingest.it.LiveIngest.T0;
import static io.jieneng.ingest.testing.TestRegistry.GAS;
import static io.jieneng.ingest.testing.TestRegistry.GATEWAY;
import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.PV;
import static io.jieneng.ingest.testing.TestRegistry.WATER;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real clients of two implementations, Paho (Java, MQTT 3.1.1 and 5) and Mosquitto's mosquitto_pub (C), publish
 * through a real IngestServer, over plain TCP, TLS and mTLS, into an embedded QuestDB; the rows are read back.
 * Each case writes its own timestamps, so the cases share the table without seeing each other.
 */
class InteropIT {

    static final Duration STORE_WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestPki pki;
    static LiveIngest ingest;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir, "interop");
        ingest = LiveIngest.start(Map.of("JIENENG_MQTT_TLS_CERT", pki.server().certificateFile().toString(),
                "JIENENG_MQTT_TLS_KEY", pki.server().keyFile().toString(),
                "JIENENG_MQTT_TLS_CLIENT_CA", pki.caFile().toString(),
                "JIENENG_MQTT_TLS_CLIENT_AUTH", "optional"));
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

    static String energy(long ts, double kwh) {
        return "{\"ts\":" + ts + ",\"energyKwh\":" + kwh + "}";
    }

    /**
     * Runs mosquitto_pub with {@code args} (plus host and port) and requires it to exit 0: it exits only after the
     * PUBACK (QoS 1) or PUBCOMP (QoS 2), and with an error when the server refused anything.
     */
    static void mosquittoPub(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-i", "mosq-" + UUID.randomUUID()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("mosquitto_pub is not installed (apt-get install mosquitto-clients)", e);
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("mosquitto_pub %s exited 0; said: %s", cmd, output).isZero();
    }

    @ParameterizedTest(name = "mosquitto_pub {0} QoS {1}")
    @CsvSource({"mqttv311, 1, 11", "mqttv311, 2, 12", "mqttv5, 1, 13", "mqttv5, 2, 14"})
    void mosquittoPubOverPlainTcp(String version, int qos, int slot) throws Exception {
        long ts = T0 + slot * 60_000L;
        mosquittoPub(ingest.server.port(), "-V", version, "-q", Integer.toString(qos), "-u", MAIN, "-P",
                secret(MAIN), "-t", topic(MAIN), "-m", energy(ts, slot));
        assertStored(MAIN, ts, slot);
    }

    @ParameterizedTest(name = "mosquitto_pub {0} QoS {1} over TLS")
    @CsvSource({"mqttv311, 1, 21", "mqttv5, 2, 22"})
    void mosquittoPubOverTlsWithAPassword(String version, int qos, int slot) throws Exception {
        long ts = T0 + slot * 60_000L;
        mosquittoPub(ingest.server.tlsPort(), "--cafile", pki.caFile().toString(), "-V", version, "-q",
                Integer.toString(qos), "-u", HVAC, "-P", secret(HVAC), "-t", topic(HVAC), "-m", energy(ts, slot));
        assertStored(HVAC, ts, slot);
    }

    @ParameterizedTest(name = "mosquitto_pub {0} QoS {1} with a client certificate")
    @CsvSource({"mqttv311, 1, 31", "mqttv311, 2, 32", "mqttv5, 1, 33", "mqttv5, 2, 34"})
    void mosquittoPubOverMtlsWithoutPassword(String version, int qos, int slot) throws Exception {
        TestPki.Issued cert = pki.device(GATEWAY);
        long ts = T0 + slot * 60_000L;
        // The gateway's certificate, no user name or password; it publishes for a meter assigned to it.
        mosquittoPub(ingest.server.tlsPort(), "--cafile", pki.caFile().toString(), "--cert",
                cert.certificateFile().toString(), "--key", cert.keyFile().toString(), "-V", version, "-q",
                Integer.toString(qos), "-t", topic(WATER), "-m", "{\"ts\":" + ts + ",\"volumeM3\":" + slot + "}");
        await().atMost(STORE_WAIT).untilAsserted(() -> assertThat(ingest.stored(WATER))
                .filteredOn(r -> r.tsMillis() == ts)
                .containsExactly(new StoredReading(WATER, ts, Map.of("volumeM3", (double) slot))));
    }

    @Test
    void mosquittoPubIsRefusedForAnotherMetersTopic() throws Exception {
        long ts = T0 + 40 * 60_000L;
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p",
                Integer.toString(ingest.server.port()), "-V", "mqttv311", "-q", "1", "-u", MAIN, "-P", secret(MAIN),
                "-t", topic(HVAC), "-m", energy(ts, 1)).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // MQTT 3.1.1 cannot refuse a PUBLISH: the connection is closed, and mosquitto_pub fails.
        assertThat(p.exitValue()).isNotZero();
        assertThat(ingest.stored(HVAC)).filteredOn(r -> r.tsMillis() == ts).isEmpty();
    }

    @ParameterizedTest(name = "Paho MQTT 3.1.1 QoS {0} over TLS, certificate {1}")
    @CsvSource({"1, false, 51", "2, true, 52"})
    void pahoV3OverTlsAndMtls(int qos, boolean certificate, int slot) throws Exception {
        long ts = T0 + slot * 60_000L;
        MqttClient client = new MqttClient(ingest.tlsUri(), "paho3-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setSocketFactory(context(certificate ? PV : null).getSocketFactory());
        if (!certificate) {
            o.setUserName(PV);
            o.setPassword(secret(PV).toCharArray());
        }
        client.connect(o);
        client.publish(topic(PV), energy(ts, slot).getBytes(StandardCharsets.UTF_8), qos, false);
        client.disconnect();
        client.close();
        assertStored(PV, ts, slot);
    }

    @ParameterizedTest(name = "Paho MQTT 5 QoS {0}, certificate {1}")
    @CsvSource({"1, false, 61", "2, true, 62"})
    void pahoV5OverTlsAndMtls(int qos, boolean certificate, int slot) throws Exception {
        long ts = T0 + slot * 60_000L;
        var client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(ingest.tlsUri(),
                "paho5-" + UUID.randomUUID(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        var o = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        o.setSocketFactory(context(certificate ? GAS : null).getSocketFactory());
        if (!certificate) {
            o.setUserName(GAS);
            o.setPassword(secret(GAS).getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o).waitForCompletion(10_000);
        var token = client.publish(topic(GAS), ("{\"ts\":" + ts + ",\"volumeM3\":" + slot + "}")
                .getBytes(StandardCharsets.UTF_8), qos, false);
        token.waitForCompletion(10_000);
        assertThat(token.getReasonCodes()).containsOnly(0);
        client.disconnect().waitForCompletion(10_000);
        client.close();
        await().atMost(STORE_WAIT).untilAsserted(() -> assertThat(ingest.stored(GAS))
                .filteredOn(r -> r.tsMillis() == ts)
                .containsExactly(new StoredReading(GAS, ts, Map.of("volumeM3", (double) slot))));
    }

    @Test
    void pahoOnThePlainPortStillWorksNextToTls() throws Exception {
        long ts = T0 + 70 * 60_000L;
        MqttClient client = new MqttClient(ingest.plainUri(), "paho-plain-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(MAIN);
        o.setPassword(secret(MAIN).toCharArray());
        client.connect(o);
        client.publish(topic(MAIN), energy(ts, 70).getBytes(StandardCharsets.UTF_8), 1, false);
        client.disconnect();
        client.close();
        assertStored(MAIN, ts, 70);
        assertThat(ingest.counter(IngestMetrics.TLS_HANDSHAKE_FAILURES)).isZero();
    }

    static SSLContext context(String device) {
        return pki.clientContext(device == null ? null : pki.device(device));
    }

    static void assertStored(String meter, long ts, double kwh) {
        await().atMost(STORE_WAIT).untilAsserted(() -> assertThat(ingest.stored(meter))
                .filteredOn(r -> r.tsMillis() == ts)
                .containsExactly(new StoredReading(meter, ts, Map.of("energyKwh", kwh))));
    }
}
