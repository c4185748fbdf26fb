package io.jieneng.analytics.it;

import io.jieneng.analytics.alert.webhook.WebhookConfig;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The scheduled engine and the webhook on a real HTTP receiver (docs/ALERTS.md): the cron job opens data_gap
 * alerts for a meter that never reported in the last three days; every change is POSTed to each URL; a receiver
 * that fails twice gets each change once it recovers, one that is down gets it 4 times and the delivery is marked
 * failed, visible in the delivery log and the metrics, and an admin can queue it again.
 */
@QuarkusTest
@WithTestResource(value = WebhookPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertWebhookIT extends PlatformTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    WebhookConfig webhook;

    private WebhookReceiver receiver;

    @BeforeAll
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver(URI.create(webhook.urls().orElseThrow().get(0)).getPort());
    }

    @AfterAll
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Override
    protected String registryResource() {
        return "/webhook-registry.json";
    }

    @Override
    protected void afterRegistryImport() {
        LocalDate commissioned = LocalDate.now(ZONE).minusDays(3);
        String doc = """
                {"institutions": [{"id": "wh-inst", "name": "通知测试", "region": "320100"}],
                 "meters": [{"id": "wh-main", "institution": "wh-inst", "type": "electricity", "role": "main",
                             "secret": "a21cb304d04957fab1682817d29eec6b",
                             "intervalSeconds": 900, "commissioned": "%s"}],
                 "users": [{"name": "wh-user", "password": "wh-pass", "role": "institution",
                            "institution": "wh-inst"}]}""".formatted(commissioned);
        Api.asAdmin().contentType("application/json").body(doc).put("/api/v1/registry").then().statusCode(200);
    }

    @Test
    @Order(1)
    void theScheduledEngineOpensAlertsAndEachReachesARecoveringReceiverOnce() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(alerts()).as("the three days since commissioning have no reading").hasSize(3));
        LocalDate today = LocalDate.now(ZONE);
        assertThat(alerts()).extracting(a -> a.get("period")).containsExactlyInAnyOrder(
                today.minusDays(1).toString(), today.minusDays(2).toString(), today.minusDays(3).toString());

        for (Map<String, Object> alert : alerts()) {
            long id = ((Number) alert.get("id")).longValue();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Object> flaky = deliveries(id).stream().filter(d -> ((String) d.get("url"))
                        .endsWith("/flaky")).findFirst().orElseThrow();
                assertThat(flaky.get("state")).isEqualTo("delivered");
                assertThat(flaky.get("attempts")).isEqualTo(3);
                assertThat(flaky.get("lastStatus")).isEqualTo(204);
                assertThat(flaky.get("event")).isEqualTo("opened");
            });
        }
        List<WebhookReceiver.Request> accepted = receiver.requests().stream()
                .filter(r -> r.path().equals("/flaky") && r.answered() == 204).toList();
        assertThat(accepted).as("each change exactly once").hasSize(3)
                .extracting(WebhookReceiver.Request::delivery).doesNotHaveDuplicates();
        JsonPath body = JsonPath.from(accepted.get(0).body());
        assertThat(body.getString("event")).isEqualTo("opened");
        assertThat(body.getLong("eventId")).isPositive();
        assertThat(body.getString("alert.type")).isEqualTo("data_gap");
        assertThat(body.getString("alert.institutionId")).isEqualTo("wh-inst");
        assertThat(body.getString("alert.status")).isEqualTo("open");
        assertThat(body.getDouble("alert.value")).isZero();
        assertThat(body.getDouble("alert.threshold")).isEqualTo(0.9);
        assertThat(receiver.requests().stream().filter(r -> r.path().equals("/flaky") && r.answered() == 503))
                .as("two refusals per delivery before it went through").hasSize(6);
    }

    @Test
    @Order(2)
    void aReceiverThatStaysDownGetsEveryAttemptAndTheDeliveryIsMarkedFailedAndVisible() {
        long id = ((Number) alerts().get(0).get("id")).longValue();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> down = downDelivery(id);
            assertThat(down.get("state")).isEqualTo("failed");
            assertThat(down.get("attempts")).isEqualTo(4);
            assertThat(down.get("lastStatus")).isEqualTo(500);
            assertThat((String) down.get("lastError")).isEqualTo("HTTP 500: receiver says no");
            assertThat(down.get("nextAttemptAt")).isNull();
        });
        Map<String, Object> down = downDelivery(id);
        assertThat(down.get("url")).as("credentials in the query are not shown")
                .isEqualTo(URI.create(webhook.urls().orElseThrow().get(0)).resolve("/down").toString() + "?...");
        String deliveryId = down.get("id").toString();
        assertThat(receiver.requests().stream().filter(r -> r.path().equals("/down")
                && r.delivery().equals(deliveryId))).hasSize(4);
        String metrics = Api.asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "jieneng_alert_webhook_attempts_total\\{[^}]*outcome=\"failed\"[^}]*} [3-9]");

        Api.as("wh-user", "wh-pass").post("/api/v1/alerts/deliveries/" + deliveryId + "/retry").then()
                .statusCode(403);
        Api.asAdmin().post("/api/v1/alerts/deliveries/" + deliveryId + "/retry").then().statusCode(200)
                .body("state", equalTo("pending")).body("attempts", equalTo(0));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(receiver.requests().stream().filter(r -> r.path().equals("/down")
                        && r.delivery().equals(deliveryId))).as("sent again").hasSizeGreaterThan(4));
        Api.asAdmin().post("/api/v1/alerts/deliveries/987654321/retry").then().statusCode(404);
    }

    @Test
    @Order(3)
    void anAcknowledgementIsAnnouncedToo() {
        long id = ((Number) alerts().get(1).get("id")).longValue();
        Api.as("wh-user", "wh-pass").post("/api/v1/alerts/" + id + "/ack").then().statusCode(200);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<WebhookReceiver.Request> acks = receiver.requests().stream()
                    .filter(r -> r.path().equals("/flaky") && r.answered() == 204
                            && JsonPath.from(r.body()).getString("event").equals("acknowledged")).toList();
            assertThat(acks).singleElement().satisfies(r -> {
                JsonPath body = JsonPath.from(r.body());
                assertThat(body.getLong("alert.id")).isEqualTo(id);
                assertThat(body.getString("alert.status")).isEqualTo("acknowledged");
                assertThat(body.getString("alert.acknowledgedBy")).isEqualTo("wh-user");
            });
        });
    }

    private static List<Map<String, Object>> alerts() {
        return Api.asAdmin().get("/api/v1/alerts?institution=wh-inst&type=data_gap").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    private static List<Map<String, Object>> deliveries(long alertId) {
        return Api.asAdmin()
                .get("/api/v1/alerts/" + alertId + "/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("");
    }

    private static Map<String, Object> downDelivery(long alertId) {
        return deliveries(alertId).stream().filter(d -> ((String) d.get("url")).contains("/down")).findFirst()
                .orElseThrow();
    }
}
