package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad credentials and bad payloads are refused with the contract's codes, kept in the quarantine, and counted. */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RefusalsIT extends PlatformTest {

    @Inject
    InProcessIngest ingest;

    @Test
    void wrongMqttCredentialsAreRefusedIn311() {
        int port = ingest.port().orElseThrow();
        assertThatThrownBy(() -> Meters.connect(port, "it-main", "wrong-secret"))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertThatThrownBy(() -> Meters.connect(port, "no-such-meter", "38939531f00480ab9452579d9e371648"))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
    }

    @Test
    void wrongMqttCredentialsAreRefusedIn5() throws Exception {
        MqttAsyncClient client = v5Client();
        MqttConnectionOptions options = v5Options("it-main", "wrong-secret");
        assertThatThrownBy(() -> client.connect(options).waitForCompletion(10_000))
                .isInstanceOfSatisfying(org.eclipse.paho.mqttv5.common.MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        client.close();
    }

    @Test
    void wrongOrMissingRestCredentialsGet401() {
        given().when().get("/api/v1/registry").then().statusCode(401);
        Api.as("admin", "wrong").when().get("/api/v1/registry").then().statusCode(401);
        Api.as("office-user", "wrong").when().get("/api/v1/institutions/it-office/consumption?from=2026-01-01&to=2026-01-02")
                .then().statusCode(401);
    }

    @Test
    void invalidPayloadIsRefusedQuarantinedAndCounted() throws Exception {
        double before = rejected("field_not_allowed");
        MqttAsyncClient client = v5Client();
        client.connect(v5Options("it-water", "2982a9e48f80558b2e3684ed5b780d0f")).waitForCompletion(10_000);
        // energyKwh is not a water meter's field: the whole message is refused with 0x99 and kept.
        String payload = "{\"ts\": 1767225600000, \"energyKwh\": 5}";
        int reason = publishV5(client, "meters/it-water/readings", payload);
        client.disconnect().waitForCompletion(10_000);
        client.close();
        assertThat(reason).isEqualTo(0x99);

        List<Map<String, Object>> quarantined = Api.asAdmin().queryParam("meter", "it-water")
                .when().get("/api/v1/quarantine").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(quarantined).isNotEmpty();
        Map<String, Object> entry = quarantined.get(0);
        assertThat(entry).containsEntry("deviceId", "it-water").containsEntry("topic", "meters/it-water/readings")
                .containsEntry("reason", "field_not_allowed").containsEntry("payload", payload);
        assertThat(entry.get("receivedAt")).isNotNull();
        assertThat(rejected("field_not_allowed")).isEqualTo(before + 1);
    }

    @Test
    void aMeterMayNotPublishAnotherMetersTopic() throws Exception {
        MqttAsyncClient client = v5Client();
        client.connect(v5Options("it-water", "2982a9e48f80558b2e3684ed5b780d0f")).waitForCompletion(10_000);
        int reason = publishV5(client, "meters/it-main/readings", "{\"ts\": 1767225600000, \"energyKwh\": 5}");
        client.disconnect().waitForCompletion(10_000);
        client.close();
        assertThat(reason).isEqualTo(0x87);
    }

    @Test
    void repeatedFailedLoginsLockTheUserOutFromThatAddress() {
        Api.as("guessed", "guessed-pass").when().get("/api/v1/registry").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            Api.as("guessed", "guess-" + i).when().get("/api/v1/registry").then().statusCode(401);
        }
        // Locked out: even the right password is refused, without being checked.
        Api.as("guessed", "guessed-pass").when().get("/api/v1/registry").then().statusCode(401);
        // Other users from the same address are not affected below the per-address limit.
        Api.as("auditor", "auditor-pass").when().get("/api/v1/registry").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("jieneng_login_failures_total{reason=\"locked_out\"}");
    }

    @Test
    void theQuarantineIsForAdminsOnly() {
        Api.as("auditor", "auditor-pass").when().get("/api/v1/quarantine").then().statusCode(403);
    }

    private int publishV5(MqttAsyncClient client, String topic, String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        try {
            IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(10_000);
            return token.getReasonCodes()[0];
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        }
    }

    private MqttAsyncClient v5Client() throws Exception {
        return new MqttAsyncClient("tcp://127.0.0.1:" + ingest.port().orElseThrow(), "it-" + System.nanoTime(),
                new MemoryPersistence());
    }

    private static MqttConnectionOptions v5Options(String user, String secret) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        return o;
    }

    private static double rejected(String reason) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jieneng_ingest_rejected_total{") && line.contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
