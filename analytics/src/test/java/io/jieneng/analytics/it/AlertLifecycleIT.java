package io.jieneng.analytics.it;

import io.jieneng.analytics.alert.AlertService;
import io.jieneng.analytics.node.InProcessIngest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.AlertScenarioData.CST;
import static io.jieneng.analytics.it.AlertScenarioData.afterHoursReadings;
import static io.jieneng.analytics.it.AlertScenarioData.afterHoursTotalKwh;
import static io.jieneng.analytics.it.AlertScenarioData.expectedRatio;
import static io.jieneng.analytics.it.AlertScenarioData.hourly;
import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every alert type opens, is not opened twice while it holds, and resolves, driven by readings published over MQTT
 * through the platform's ingest (docs/ALERTS.md). The engine is evaluated "as of" chosen instants of 2026
 * (Asia/Shanghai) in increasing order, each scenario on an institution of its own:
 * <ul>
 *   <li>after_hours_waste (ah-inst): a week with the lights left on, a week of Spring Festival (no working time,
 *       not judged), a week with low night load; the holiday calendar's adjusted Saturdays count as working days;
 *   <li>meter_offline (off-inst): 15-minute readings stop at 10:00, the next comes at 11:40;
 *   <li>data_gap (gap-inst): half of a day's hourly readings, the rest backfilled later;
 *   <li>pue_above_limit (dc-inst): April at PUE 1.6 for five days, then 1.2;
 *   <li>quota_* (q-inst): a yearly total that goes warning, at_risk, exceeded, then back to warning when the
 *       quota is raised.
 * </ul>
 * Then who may read and acknowledge what.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertLifecycleIT extends PlatformTest {

    private static final double KGCE_PER_KWH = 0.1229;

    @Inject
    AlertService alerts;

    @Inject
    InProcessIngest ingest;

    @Override
    protected String registryResource() {
        return "/alerts-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        publish("ah-main", "2a9e661de45cdbe8cdfafc13d3f8da12", afterHoursReadings());
        List<String> off = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            off.add(Meters.reading(OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, CST).plusMinutes(15L * i).toString(),
                    "energyKwh", i));
        }
        off.add(Meters.reading("2026-03-02T11:40+08:00", "energyKwh", 41));
        publish("off-main", "48052d5d729e4da30f41ac3bd50675bd", off);
        publish("gap-main", "f2e8c0964ec83f90c6f45d344f9d0771", hourly("2026-03-03T00:00", 0, 36));
        List<String> it = new ArrayList<>();
        List<String> total = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            String ts = LocalDate.parse("2026-04-01").plusDays(d) + "T00:00+08:00";
            it.add(Meters.reading(ts, "energyKwh", 100 * d));
            total.add(Meters.reading(ts, "energyKwh", d <= 5 ? 160 * d : 800 + 120 * (d - 5)));
        }
        publish("dc-it", "7219a84e905df71649a2ea61e7c0b1cd", it);
        publish("dc-total", "e5b47c8c0d7b9b1724bdec0b67b8e8e2", total);
        publish("q-main", "6d21174548f2d2a7db597fcd44d0576a",
                List.of(Meters.reading("2026-05-01T00:00+08:00", "energyKwh", 0),
                Meters.reading("2026-05-11T00:00+08:00", "energyKwh", 275_000),
                Meters.reading("2026-06-11T00:00+08:00", "energyKwh", 366_000),
                Meters.reading("2026-09-11T00:00+08:00", "energyKwh", 820_000)));
        // QuestDB applies its write-ahead log moments after the commits the PUBACKs waited for.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertImport("ah-inst", "2026-02-09", "2026-03-03", afterHoursTotalKwh());
            assertImport("off-inst", "2026-03-02", "2026-03-03", 41);
            assertImport("gap-inst", "2026-03-03", "2026-03-06", 35);
            assertImport("q-inst", "2026-05-01", "2026-09-12", 820_000);
            assertClose(Api.asAdmin().get("/api/v1/datacenters/dc-1/pue?from=2026-04-01&to=2026-04-12").then()
                    .statusCode(200).extract().jsonPath(Api.EXACT).get("totalKwh"), 1400.0);
        });
    }

    @Test
    @Order(1)
    void afterHoursWasteOpensOnceIsNotJudgedOverTheHolidayAndResolves() {
        evaluate("2026-02-16T01:00");
        List<Map<String, Object>> open = alerts("type=after_hours_waste&institution=ah-inst");
        assertThat(open).singleElement().satisfies(a -> {
            assertThat(a.get("status")).isEqualTo("open");
            assertThat(a.get("severity")).isEqualTo("warning");
            assertThat(a.get("meterId")).isNull();
            assertThat(a.get("openedAt")).isEqualTo("2026-02-16T01:00:00+08:00");
            // The adjusted Saturday 2026-02-14 is a working day: 54 working hours at 20 kW, 114 h drawing 1200 kWh.
            assertClose(a.get("value"), 1200.0 / 114 / 20);
            assertClose(a.get("value"), expectedRatio("2026-02-09"));
            assertClose(a.get("threshold"), 0.40);
            assertThat((String) a.get("message")).contains("2026-02-09", "2026-02-15", "ah-inst");
        });
        long id = id(open.get(0));

        evaluate("2026-02-16T02:00");
        assertThat(alerts("type=after_hours_waste&institution=ah-inst")).as("no second alert").hasSize(1);

        // 2026-02-16..22 is all Spring Festival: no working time to compare with, so the alert stays as it is.
        evaluate("2026-02-23T01:00");
        assertThat(alert(id).getString("status")).isEqualTo("open");

        evaluate("2026-03-02T01:00");
        JsonPath resolved = alert(id);
        assertThat(resolved.getString("status")).isEqualTo("resolved");
        assertThat(resolved.getString("resolvedAt")).isEqualTo("2026-03-02T01:00:00+08:00");
        List<Map<String, Object>> history = history(id);
        assertThat(history).extracting(e -> e.get("kind")).containsExactly("opened", "resolved");
        assertClose(history.get(1).get("value"), 572.0 / 123 / 20);
        assertClose(history.get(1).get("value"), expectedRatio("2026-02-23"));
        assertThat(alerts("type=after_hours_waste&institution=ah-inst")).hasSize(1);
    }

    @Test
    @Order(2)
    void meterOfflineOpensOnceEvenWhenAcknowledgedAndTheNextReadingResolvesIt() {
        evaluate("2026-03-02T10:30");
        assertThat(alerts("type=meter_offline&meter=off-main")).as("30 min is within 3 × 15 min").isEmpty();

        evaluate("2026-03-02T10:46");
        List<Map<String, Object>> open = alerts("type=meter_offline&meter=off-main");
        assertThat(open).singleElement().satisfies(a -> {
            assertThat(a.get("institutionId")).isEqualTo("off-inst");
            assertThat(a.get("meterId")).isEqualTo("off-main");
            assertThat(a.get("status")).isEqualTo("open");
            assertThat(a.get("period")).isEqualTo("2026-03-02T10:00:00+08:00");
            assertClose(a.get("value"), 46.0);
            assertClose(a.get("threshold"), 45.0);
            assertThat(a.get("unit")).isEqualTo("min");
        });
        long id = id(open.get(0));
        Api.as("off-user", "off-pass").post("/api/v1/alerts/" + id + "/ack").then().statusCode(200)
                .body("status", equalTo("acknowledged")).body("acknowledgedBy", equalTo("off-user"));

        evaluate("2026-03-02T11:30");
        assertThat(alerts("type=meter_offline&meter=off-main")).as("deduplicated").singleElement()
                .satisfies(a -> assertThat(a.get("status")).isEqualTo("acknowledged"));

        evaluate("2026-03-02T11:45");
        JsonPath resolved = alert(id);
        assertThat(resolved.getString("status")).isEqualTo("resolved");
        assertThat(resolved.getString("resolvedAt")).isEqualTo("2026-03-02T11:45:00+08:00");
        List<Map<String, Object>> history = history(id);
        assertThat(history).extracting(e -> e.get("kind")).containsExactly("opened", "acknowledged", "resolved");
        assertThat(history.get(1).get("actor")).isEqualTo("off-user");
        assertClose(history.get(2).get("value"), 100.0);
        assertThat((String) history.get(2).get("note")).contains("2026-03-02T11:40:00+08:00");

        evaluate("2026-03-02T12:30");
        List<Map<String, Object>> all = alerts("type=meter_offline&meter=off-main");
        assertThat(all).as("a new silence is a new alert").hasSize(2);
        assertThat(all.get(0).get("period")).isEqualTo("2026-03-02T11:40:00+08:00");
        assertThat(all.get(0).get("status")).isEqualTo("open");
        assertClose(all.get(0).get("value"), 50.0);
    }

    @Test
    @Order(3)
    void dataGapOpensForTheIncompleteDayAndABackfillResolvesIt() throws Exception {
        evaluate("2026-03-05T01:00");
        List<Map<String, Object>> gaps = alerts("type=data_gap&institution=gap-inst");
        assertThat(gaps).as("03-03 is complete, days before commissioning expect nothing").singleElement()
                .satisfies(a -> {
                    assertThat(a.get("period")).isEqualTo("2026-03-04");
                    assertClose(a.get("value"), 0.5);
                    assertClose(a.get("threshold"), 0.9);
                    assertThat((String) a.get("message")).contains("gap-main 12/24");
                });
        long id = id(gaps.get(0));
        evaluate("2026-03-05T02:00");
        assertThat(alerts("type=data_gap&institution=gap-inst")).hasSize(1);

        publish("gap-main", "f2e8c0964ec83f90c6f45d344f9d0771", hourly("2026-03-04T12:00", 36, 13));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertImport("gap-inst", "2026-03-03", "2026-03-06", 48));
        evaluate("2026-03-05T03:00");
        assertThat(alert(id).getString("status")).isEqualTo("resolved");
        assertClose(history(id).get(1).get("value"), 1.0);
        assertThat(alerts("type=data_gap&institution=gap-inst")).hasSize(1);
    }

    @Test
    @Order(4)
    void pueAboveLimitOpensForTheMonthInProgressAndResolvesWhenTheMonthImproves() {
        evaluate("2026-04-06T01:00");
        List<Map<String, Object>> pue = alerts("type=pue_above_limit&institution=dc-inst");
        assertThat(pue).singleElement().satisfies(a -> {
            assertThat(a.get("period")).isEqualTo("2026-04");
            assertClose(a.get("value"), 800.0 / 500);
            assertClose(a.get("threshold"), 1.5);
            assertThat((String) a.get("message")).contains("dc-1", "through 2026-04-05");
        });
        long id = id(pue.get(0));
        evaluate("2026-04-06T02:00");
        assertThat(alerts("type=pue_above_limit&institution=dc-inst")).hasSize(1);

        evaluate("2026-04-11T01:00");
        assertThat(alert(id).getString("status")).isEqualTo("resolved");
        assertClose(history(id).get(1).get("value"), 1400.0 / 1000);
    }

    @Test
    @Order(5)
    void quotaAlertsFollowTheStatusOncePerStatusAndReopenWhenItReturns() {
        evaluate("2026-05-10T10:00");
        List<Map<String, Object>> warning = alerts("type=quota_warning&institution=q-inst");
        assertThat(warning).singleElement().satisfies(a -> {
            assertThat(a.get("severity")).isEqualTo("info");
            assertThat(a.get("period")).isEqualTo("2026");
            assertThat(a.get("unit")).isEqualTo("kgce");
            // 275,000 kWh by 10 May (day 130 of 365): projected 33,797.5 kgce × 365 / 130.
            assertClose(a.get("value"), 275_000 * KGCE_PER_KWH * 365 / 130);
            assertClose(a.get("threshold"), 90_000.0);
            assertThat((String) a.get("message")).contains("totalKgce", "warning", "linear");
        });
        long warningId = id(warning.get(0));
        evaluate("2026-05-10T11:00");
        assertThat(alerts("type=quota_warning&institution=q-inst")).hasSize(1);

        evaluate("2026-06-10T10:00");
        assertThat(alert(warningId).getString("status")).isEqualTo("resolved");
        assertThat(history(warningId).get(1).get("note")).isEqualTo("the status is now at_risk");
        List<Map<String, Object>> atRisk = alerts("type=quota_at_risk&institution=q-inst");
        assertThat(atRisk).singleElement().satisfies(a -> {
            assertThat(a.get("severity")).isEqualTo("warning");
            assertClose(a.get("value"), 366_000 * KGCE_PER_KWH * 365 / 161);
            assertClose(a.get("threshold"), 100_000.0);
        });
        long atRiskId = id(atRisk.get(0));

        evaluate("2026-09-10T10:00");
        assertThat(alert(atRiskId).getString("status")).isEqualTo("resolved");
        List<Map<String, Object>> exceeded = alerts("type=quota_exceeded&institution=q-inst");
        assertThat(exceeded).singleElement().satisfies(a -> {
            assertThat(a.get("severity")).isEqualTo("critical");
            assertThat(a.get("status")).isEqualTo("open");
            assertClose(a.get("value"), 820_000 * KGCE_PER_KWH);
            assertClose(a.get("threshold"), 100_000.0);
        });
        long exceededId = id(exceeded.get(0));

        // A higher quota takes effect at once: the status returns to warning, whose alert comes back.
        Api.asAdmin().contentType("application/json")
                .body("{\"quotas\": [{\"institution\": \"q-inst\", \"year\": 2026, \"totalKgce\": 150000}]}")
                .put("/api/v1/registry").then().statusCode(200);
        evaluate("2026-09-10T12:00");
        assertThat(alert(exceededId).getString("status")).isEqualTo("resolved");
        assertThat(history(exceededId).get(1).get("note")).isEqualTo("the status is now warning");
        List<Map<String, Object>> warnings = alerts("type=quota_warning&institution=q-inst");
        assertThat(warnings).as("one alert per (institution, indicator, year, status)").singleElement()
                .satisfies(a -> {
                    assertThat(id(a)).isEqualTo(warningId);
                    assertThat(a.get("status")).isEqualTo("open");
                    assertThat(a.get("resolvedAt")).isNull();
                    assertThat(a.get("openedAt")).isEqualTo("2026-09-10T12:00:00+08:00");
                    assertClose(a.get("value"), 820_000 * KGCE_PER_KWH * 365 / 253);
                    assertClose(a.get("threshold"), 135_000.0);
                });
        assertThat(history(warningId)).extracting(e -> e.get("kind")).containsExactly("opened", "resolved",
                "reopened");
        assertThat(alerts("institution=q-inst&status=open")).extracting(a -> a.get("type"))
                .contains("quota_warning").doesNotContain("quota_at_risk", "quota_exceeded");
    }

    @Test
    @Order(6)
    void everyoneSeesOnlyTheAlertsOfTheirScope() {
        assertThat(list("off-user", "off-pass", "")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("institutionId")).isEqualTo("off-inst"));
        assertThat(list("nanjing", "nanjing-pass", "")).extracting(a -> a.get("institutionId"))
                .contains("off-inst", "gap-inst", "ah-inst", "dc-inst").doesNotContain("q-inst");
        assertThat(list("suzhou", "suzhou-pass", "")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("institutionId")).isEqualTo("q-inst"));
        assertThat(list("auditor", "auditor-pass", "")).extracting(a -> a.get("institutionId"))
                .contains("off-inst", "q-inst");
        assertThat(list("nanjing", "nanjing-pass", "institution=off-inst")).isNotEmpty();

        Api.as("off-user", "off-pass").get("/api/v1/alerts?institution=q-inst").then().statusCode(403)
                .body("error", equalTo("forbidden"));
        Api.as("nanjing", "nanjing-pass").get("/api/v1/alerts?institution=q-inst").then().statusCode(403);
        long quotaAlert = id(alerts("type=quota_warning&institution=q-inst").get(0));
        Api.as("off-user", "off-pass").get("/api/v1/alerts/" + quotaAlert).then().statusCode(403);
        Api.as("off-user", "off-pass").get("/api/v1/alerts/" + quotaAlert + "/history").then().statusCode(403);
        Api.as("suzhou", "suzhou-pass").get("/api/v1/alerts/" + quotaAlert + "/history").then().statusCode(200);
        Api.as("q-user", "q-pass").get("/api/v1/alerts/" + quotaAlert + "/deliveries").then().statusCode(403);
        Api.as("auditor", "auditor-pass").get("/api/v1/alerts/" + quotaAlert + "/deliveries").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    @Test
    @Order(7)
    void badRequestsGetClearErrors() {
        Api.asAdmin().get("/api/v1/alerts?institution=nowhere").then().statusCode(404)
                .body("error", equalTo("unknown institution"));
        Api.asAdmin().get("/api/v1/alerts?status=closed").then().statusCode(400)
                .body("detail", equalTo("status 'closed' is not one of open, acknowledged, resolved"));
        Api.asAdmin().get("/api/v1/alerts?type=fire").then().statusCode(400).body("error",
                equalTo("invalid parameter"));
        Api.asAdmin().get("/api/v1/alerts?limit=0").then().statusCode(400);
        assertThat(Api.asAdmin().get("/api/v1/alerts?limit=2").then().statusCode(200).extract().jsonPath()
                .getList("")).hasSize(2);
        Api.asAdmin().get("/api/v1/alerts/abc").then().statusCode(400).body("error", equalTo("invalid alert id"));
        Api.asAdmin().get("/api/v1/alerts/987654321").then().statusCode(404).body("error", equalTo("unknown alert"));
        Api.asAdmin().post("/api/v1/alerts/987654321/ack").then().statusCode(404);
        Api.as("off-user", "off-pass").post("/api/v1/alerts/evaluate").then().statusCode(403);
        Api.asAdmin().post("/api/v1/alerts/evaluate?asOf=2999-01-01T00:00:00+08:00").then().statusCode(400);
        Api.asAdmin().post("/api/v1/alerts/evaluate?asOf=yesterday").then().statusCode(400);
    }

    @Test
    @Order(8)
    void onlyAnAdminOrTheInstitutionsOwnUsersAcknowledge() {
        long open = id(alerts("type=meter_offline&meter=off-main&status=open").get(0));
        Api.as("nanjing", "nanjing-pass").post("/api/v1/alerts/" + open + "/ack").then().statusCode(403);
        Api.as("auditor", "auditor-pass").post("/api/v1/alerts/" + open + "/ack").then().statusCode(403);
        Api.as("q-user", "q-pass").post("/api/v1/alerts/" + open + "/ack").then().statusCode(403);
        Api.as("off-user", "off-pass").post("/api/v1/alerts/" + open + "/ack").then().statusCode(200)
                .body("status", equalTo("acknowledged")).body("id", equalTo((int) open));
        Api.asAdmin().post("/api/v1/alerts/" + open + "/ack").then().statusCode(200)
                .body("acknowledgedBy", equalTo("off-user"));
        assertThat(history(open)).extracting(e -> e.get("kind")).containsExactly("opened", "acknowledged");

        long quota = id(alerts("type=quota_warning&institution=q-inst").get(0));
        Api.asAdmin().post("/api/v1/alerts/" + quota + "/ack").then().statusCode(200)
                .body("acknowledgedBy", equalTo("admin"));
        long resolved = id(alerts("type=pue_above_limit&institution=dc-inst").get(0));
        Api.asAdmin().post("/api/v1/alerts/" + resolved + "/ack").then().statusCode(409)
                .body("error", equalTo("alert resolved"));
        assertThat(list("off-user", "off-pass", "status=acknowledged")).extracting(a -> id(a)).contains(open);
    }

    private void publish(String meter, String secret, List<String> readings) throws Exception {
        try (Meters m = Meters.connect(ingest.port().orElseThrow(), meter, secret)) {
            for (int i = 0; i < readings.size(); i += 400) {
                m.publish(meter, "[" + String.join(",", readings.subList(i, Math.min(readings.size(), i + 400)))
                        + "]");
            }
        }
    }

    private static void assertImport(String institution, String from, String to, double kwh) {
        assertClose(Api.asAdmin().get("/api/v1/institutions/" + institution + "/consumption?from=" + from + "&to="
                + to + "&interval=day").then().statusCode(200).extract().jsonPath(Api.EXACT)
                .get("total.gridImportKwh"), kwh);
    }

    // --- engine and API helpers ----------------------------------------------------------------------------

    private void evaluate(String localTime) {
        assertThat(alerts.evaluate(LocalDateTime.parse(localTime).atOffset(CST).toInstant())).as("the engine ran")
                .isPresent();
    }

    private static List<Map<String, Object>> alerts(String query) {
        return list("admin", Api.ADMIN_PASSWORD, query);
    }

    private static List<Map<String, Object>> list(String user, String password, String query) {
        return Api.as(user, password).get("/api/v1/alerts" + (query.isEmpty() ? "" : "?" + query)).then()
                .statusCode(200).extract().jsonPath(Api.EXACT).getList("");
    }

    private static JsonPath alert(long id) {
        return Api.asAdmin().get("/api/v1/alerts/" + id).then().statusCode(200).extract().jsonPath(Api.EXACT);
    }

    private static List<Map<String, Object>> history(long id) {
        return Api.asAdmin().get("/api/v1/alerts/" + id + "/history").then().statusCode(200).extract()
                .jsonPath(Api.EXACT).getList("");
    }

    private static long id(Map<String, Object> alert) {
        return ((Number) alert.get("id")).longValue();
    }
}
