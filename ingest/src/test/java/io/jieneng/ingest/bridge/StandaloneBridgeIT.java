package io.jieneng.ingest.bridge;

import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.ingest.IngestMain;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.testing.TestRegistry;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone ingest as {@code ./jieneng ingest} runs it ({@link IngestMain#start}), configured only by
 * environment keys: a registry in H2, an embedded QuestDB, the bridge on the real Mosquitto, the operations
 * endpoint on a free port.
 */
class StandaloneBridgeIT {

    static final long DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(10, ChronoUnit.DAYS).toEpochMilli();
    static final Duration WAIT = Duration.ofSeconds(30);

    static QuestDbFixture questdb;
    static String registryUrl;
    static RegistryDatabase registry;

    final HttpClient http = HttpClient.newHttpClient();
    final String clientId = "standalone-" + UUID.randomUUID().toString().substring(0, 8);
    IngestMain.Instance ingest;

    @BeforeAll
    static void start() throws Exception {
        BrokerFixture.brokerUrl();
        questdb = new QuestDbFixture();
        registryUrl = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        registry = RegistryDatabase.open(registryUrl, null, null, IngestSchema.LOCATIONS);
        registry.store(new SecretHasher(4)).importDocument(TestRegistry.document());
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        questdb.close();
    }

    @AfterEach
    void stopIngest() throws Exception {
        if (ingest != null) {
            ingest.close();
        }
        BrokerFixture.forgetSession(clientId);
    }

    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "JIENENG_DB_URL", registryUrl,
                "JIENENG_STORE", "questdb",
                "JIENENG_QUESTDB_URL", questdb.httpUrl(),
                "JIENENG_QUESTDB_TABLE_PREFIX", questdb.tablePrefix(),
                "JIENENG_MQTT_HOST", "127.0.0.1",
                "JIENENG_MQTT_PORT", "0",
                "JIENENG_INGEST_METRICS_HOST", "127.0.0.1",
                "JIENENG_INGEST_METRICS_PORT", "0",
                "JIENENG_BRIDGE_URL", BrokerFixture.brokerUrl(),
                "JIENENG_BRIDGE_CLIENT_ID", clientId));
        env.put("JIENENG_BRIDGE_GROUP", clientId);
        env.put("JIENENG_BRIDGE_SESSION_EXPIRY_SECONDS", "300");
        env.putAll(extra);
        return env;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.opsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theListenerAndTheBridgeFeedOneStoreAndShowInMetrics() throws Exception {
        ingest = IngestMain.start(env(Map.of()));
        Bridge bridge = ingest.bridge().orElseThrow();
        await().atMost(WAIT).until(bridge::isConnected);

        // A meter behind the external broker...
        MqttAsyncClient viaBroker = BrokerFixture.publisher();
        BrokerFixture.publish(viaBroker, MAIN, "{\"ts\":" + DAY + ",\"energyKwh\":4321.5}", 1);
        BrokerFixture.disconnect(viaBroker);
        // ...and one connected to ingest's own listener.
        MqttAsyncClient direct = new MqttAsyncClient("tcp://127.0.0.1:" + ingest.listener().orElseThrow().port(),
                "direct-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(HVAC);
        o.setPassword(TestRegistry.secret(HVAC).getBytes(StandardCharsets.UTF_8));
        direct.connect(o).waitForCompletion(10_000);
        BrokerFixture.publish(direct, HVAC, "{\"ts\":" + DAY + ",\"energyKwh\":17}", 1);
        BrokerFixture.disconnect(direct);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(questdb.energyByTs(MAIN, DAY, DAY + 1)).containsExactly(Map.entry(DAY, 4321.5));
            assertThat(questdb.energyByTs(HVAC, DAY, DAY + 1)).containsExactly(Map.entry(DAY, 17.0));
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/metrics").body())
                .containsPattern("(?m)^jieneng_ingest_messages_total\\{qos=\"1\",?} 2\\.0$")
                .containsPattern("(?m)^jieneng_ingest_bridge_connected 1\\.0$")
                .containsPattern("(?m)^jieneng_ingest_bridge_inflight 0\\.0$")
                .containsPattern("(?m)^jieneng_ingest_write_seconds_bucket\\{le=")
                .contains("jvm_memory_used_bytes"));
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void bridgeOnlyRunsNoListener() throws Exception {
        ingest = IngestMain.start(env(Map.of("JIENENG_BRIDGE_ONLY", "true")));
        assertThat(ingest.listener()).isEmpty();
        Bridge bridge = ingest.bridge().orElseThrow();
        await().atMost(WAIT).until(bridge::isConnected);
        assertThat(bridge.config().clientId()).isEqualTo(clientId);
        assertThat(bridge.config().sharedFilter()).isEqualTo("$share/" + clientId + "/meters/+/readings");
    }
}
