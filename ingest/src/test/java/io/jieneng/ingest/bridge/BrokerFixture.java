package io.jieneng.ingest.bridge;

import io.jieneng.ingest.testing.TestSettings;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.testing.TestRegistry;
import io.jieneng.store.ReadingSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real Mosquitto that {@code ./jieneng test} starts ({@code JIENENG_TEST_MQTT_HOST}/{@code _PORT}), and the
 * pieces a bridge test puts in front of it: ingest cores, bridge configurations, a publishing device.
 */
final class BrokerFixture {

    private BrokerFixture() {
    }

    /** The broker's URL; fails (never skips) when the variables are missing. */
    static String brokerUrl() {
        String host = System.getenv("JIENENG_TEST_MQTT_HOST");
        String port = System.getenv("JIENENG_TEST_MQTT_PORT");
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            fail("JIENENG_TEST_MQTT_HOST/_PORT are not set: run the integration tests with ./jieneng test, which "
                    + "starts Mosquitto and sets them");
        }
        return "tcp://" + host + ":" + port;
    }

    /** A quarantine table of its own, in an H2 database that lives as long as the JVM. */
    static QuarantineStore quarantine() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        return new QuarantineStore(ds, 1000);
    }

    /** One ingest instance: the test registry, a 5 ms batch delay, metrics of its own. */
    static IngestCore core(ReadingSink sink, QuarantineStore quarantine, SimpleMeterRegistry meters) {
        IngestConfig config = TestSettings.ingest(Map.of("JIENENG_INGEST_BATCH_MAX_DELAY_MS", "5"));
        return new IngestCore(config, TestRegistry::registry, sink, quarantine, meters, Clock.systemUTC());
    }

    /** A bridge configuration for this broker; {@code extra} keys override the defaults. */
    static BridgeConfig bridgeConfig(String group, String clientId, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("JIENENG_BRIDGE_URL", brokerUrl());
        env.put("JIENENG_BRIDGE_GROUP", group);
        env.put("JIENENG_BRIDGE_CLIENT_ID", clientId);
        // Long enough for any test, short enough that Mosquitto forgets the sessions of a crashed run.
        env.put("JIENENG_BRIDGE_SESSION_EXPIRY_SECONDS", "300");
        env.putAll(extra);
        return TestSettings.bridge(env).orElseThrow();
    }

    /** A device publishing straight to the broker, as a meter behind EMQX or HiveMQ would. */
    static MqttAsyncClient publisher() throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl(), "pub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        client.connect(o).waitForCompletion(10_000);
        return client;
    }

    /**
     * Publishes and waits for the broker's PUBACK/PUBCOMP. Paho 1.2.5 completes a token before it releases the
     * in-flight slot, so the next publish can be refused with REASON_CODE_MAX_INFLIGHT although nothing is in
     * flight any more; such a refusal is retried for up to a second.
     */
    static void publish(MqttAsyncClient client, String meter, String json, int qos) throws MqttException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
        while (true) {
            try {
                client.publish("meters/" + meter + "/readings", json.getBytes(StandardCharsets.UTF_8), qos, false)
                        .waitForCompletion(10_000);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
    }

    static void disconnect(MqttAsyncClient client) throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    /** Ends the broker's session of {@code clientId}, so a test leaves nothing queued behind it. */
    static void forgetSession(String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUrl(), clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        client.connect(o).waitForCompletion(10_000);
        disconnect(client);
    }
}
