package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

/**
 * The load generator for a few seconds against the real Mosquitto of {@code ./jieneng test}
 * ({@code JIENENG_TEST_MQTT_HOST}/{@code _PORT}), with a Paho subscriber checking what arrives.
 */
class LoadGenMosquittoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String host;
    private static int port;

    private final String prefix = "lgit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Map<String, Long> lastTsByTopic = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<String> badMessage = new AtomicReference<>();
    private MqttClient subscriber;

    @BeforeAll
    static void broker() {
        host = System.getenv("JIENENG_TEST_MQTT_HOST");
        String p = System.getenv("JIENENG_TEST_MQTT_PORT");
        if (host == null || host.isBlank() || p == null || p.isBlank()) {
            fail("JIENENG_TEST_MQTT_HOST and JIENENG_TEST_MQTT_PORT are not set: run the integration tests with"
                    + " `./jieneng test`, which starts Mosquitto and sets them");
        }
        port = Integer.parseInt(p.trim());
    }

    @AfterEach
    void close() throws MqttException {
        if (subscriber != null && subscriber.isConnected()) {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void aQos1RunReportsThroughputAndLatencyWithoutErrorsAndSendsContractReadings(@TempDir Path dir)
            throws Exception {
        subscribe();
        Path out = dir.resolve("report.json");
        LoadGenOptions options = LoadGenCommand.parse("--host", host, "--port", Integer.toString(port),
                // Paced, so that the QoS 0 subscriber keeps up and Mosquitto has no reason to drop anything for it.
                "--connections", "20", "--qos", "1", "--rate", "2000", "--duration", "3", "--warmup", "1",
                "--meter-prefix", prefix, "--source-addresses", "127.0.0.1-127.0.0.3",
                "--target-pid", Long.toString(ProcessHandle.current().pid()), "--out", out.toString());

        LoadReport report = new LoadGenerator(options).run();
        report.write(out);

        assertThat(report.connections().established()).isEqualTo(20);
        assertThat(report.errors()).isEmpty();
        assertThat(report.errorsTotal()).isZero();
        assertThat(report.messagesCompleted()).isPositive();
        assertThat(report.messagesPerSecond()).isPositive();
        assertThat(report.readingsPerSecond()).isEqualTo(report.messagesPerSecond());
        assertThat(report.unacknowledgedAtEnd()).isZero();
        assertThat(report.completedTotal()).isGreaterThan(report.messagesCompleted());
        assertThat(report.readingsCompletedTotal()).isEqualTo(report.completedTotal());
        Percentiles latency = report.latencyMs();
        // The histogram and the counters are read one after the other while acknowledgements keep arriving.
        assertThat(latency.count()).isCloseTo(report.messagesCompleted(), withinPercentage(1));
        assertThat(latency.p50Ms()).isPositive();
        assertThat(latency.p50Ms()).isLessThanOrEqualTo(latency.p90Ms());
        assertThat(latency.p99Ms()).isLessThanOrEqualTo(latency.p999Ms());
        assertThat(latency.p999Ms()).isLessThanOrEqualTo(latency.maxMs());
        assertThat(report.loadgenCpuPercent()).isPositive();
        // The target here is this JVM, which ran the load generator: it used CPU and memory.
        assertThat(report.target().cpuPercent()).isPositive();
        assertThat(report.target().maxRssMiB()).isPositive();

        JsonNode json = JSON.readTree(out.toFile());
        assertThat(json.get("messagesPerSecond").asDouble()).isEqualTo(report.messagesPerSecond());
        assertThat(json.at("/latencyMs/p99Ms").asDouble()).isEqualTo(latency.p99Ms());
        assertThat(json.at("/options/qos").asInt()).isEqualTo(1);
        assertThat(json.at("/machine/cores").asInt()).isPositive();

        // Every message Mosquitto acknowledged reached the subscriber, as a valid reading in ts order.
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= report.completedTotal());
        assertThat(received.get()).isEqualTo(report.completedTotal());
        assertThat(badMessage.get()).isNull();
        assertThat(lastTsByTopic).hasSize(20);
    }

    @Test
    void qos2OverMqtt311CompletesEveryFlow() throws Exception {
        LoadGenOptions options = LoadGenCommand.parse("--host", host, "--port", Integer.toString(port),
                "--connections", "10", "--qos", "2", "--mqtt-version", "3", "--duration", "2", "--warmup", "0.5",
                "--readings-per-message", "20", "--payload-bytes", "120", "--meter-prefix", prefix);

        LoadReport report = new LoadGenerator(options).run();

        assertThat(report.errors()).isEmpty();
        assertThat(report.messagesCompleted()).isPositive();
        assertThat(report.readingsPerSecond()).isEqualTo(report.messagesPerSecond() * 20, within1Percent(report));
        assertThat(report.latencyMs().count()).isCloseTo(report.messagesCompleted(), withinPercentage(1));
    }

    @Test
    void aPacedRunHoldsItsTargetRate() throws Exception {
        LoadGenOptions options = LoadGenCommand.parse("--host", host, "--port", Integer.toString(port),
                "--connections", "10", "--qos", "1", "--rate", "400", "--duration", "3", "--warmup", "1",
                "--meter-prefix", prefix);

        LoadReport report = new LoadGenerator(options).run();

        assertThat(report.errors()).isEmpty();
        assertThat(report.messagesPerSecond()).isBetween(400 * 0.9, 400 * 1.1);
        assertThat(report.rateShortfall()).isZero();
    }

    @Test
    void idleConnectionsStayOpenAndSendNothing() throws Exception {
        LoadGenOptions options = LoadGenCommand.parse("--host", host, "--port", Integer.toString(port),
                "--connections", "30", "--idle", "--duration", "2", "--keepalive", "2", "--meter-prefix", prefix);

        LoadReport report = new LoadGenerator(options).run();

        assertThat(report.connections().established()).isEqualTo(30);
        assertThat(report.connections().openAtEnd()).isEqualTo(30);
        assertThat(report.messagesSent()).isZero();
        assertThat(report.errors()).isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within1Percent(LoadReport r) {
        return org.assertj.core.data.Offset.offset(Math.max(1.0, r.readingsPerSecond() * 0.01));
    }

    private void subscribe() throws MqttException {
        subscriber = new MqttClient("tcp://" + host + ":" + port, prefix + "subscriber", new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.incrementAndGet();
                check(topic, message.getPayload());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        subscriber.connect(o);
        subscriber.subscribe("meters/+/readings", 0);
    }

    /** Each message is one contract reading whose ts moves forward on its meter's topic. */
    private void check(String topic, byte[] payload) {
        try {
            if (!topic.startsWith("meters/" + prefix)) {
                return;
            }
            JsonNode r = JSON.readTree(payload);
            long ts = r.get("ts").asLong();
            boolean ok = r.isObject() && payload.length == 200 && r.get("energyKwh").isNumber()
                    && ts <= System.currentTimeMillis();
            Long previous = lastTsByTopic.put(topic, ts);
            if (!ok || (previous != null && ts <= previous)) {
                badMessage.compareAndSet(null, topic + ": " + new String(payload) + " after ts " + previous);
            }
        } catch (IOException | RuntimeException e) {
            badMessage.compareAndSet(null, topic + ": " + e);
        }
    }
}
