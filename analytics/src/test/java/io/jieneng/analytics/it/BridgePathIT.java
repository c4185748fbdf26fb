package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static io.jieneng.analytics.it.Meters.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scale-out path on real components: a meter publishes to an external broker (a real Mosquitto), the
 * platform's bridge reads it through a shared subscription, and the consumption API returns the energy.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "bridge", value = "true"))
class BridgePathIT extends PlatformTest {

    @Inject
    InProcessIngest ingest;

    @Test
    void readingsPublishedToTheBrokerReachTheApi() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.bridge().orElseThrow().isConnected());
        MqttClient device = new MqttClient("tcp://" + TestServers.mqttHost() + ":" + TestServers.mqttPort(),
                "it-broker-device-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        device.connect(options);
        String payload = "[" + reading("2026-04-01T00:00+08:00", "energyKwh", 100.0) + ","
                + reading("2026-04-01T12:00+08:00", "energyKwh", 160.0) + ","
                + reading("2026-04-02T00:00+08:00", "energyKwh", 172.0) + "]";
        device.publish("meters/it-main/readings", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        device.disconnect();
        device.close();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var json = Api.as("office-user", "office-pass").queryParam("from", "2026-04-01")
                    .queryParam("to", "2026-04-02").queryParam("interval", "day")
                    .when().get("/api/v1/institutions/it-office/consumption")
                    .then().statusCode(200).extract().jsonPath(Api.EXACT);
            assertClose(json.getDouble("total.gridImportKwh"), 72.0);
        });
        assertThat(ingest.port()).as("the device listener still runs beside the bridge").isPresent();
    }
}
