package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static io.jieneng.analytics.it.Meters.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET /institutions/{id}/quota} on data published over MQTT (embedded QuestDB), hand-computed
 * (kgce = kWh × 0.1229):
 * <pre>
 * q-office (100 occupants, 2000 m²)  q-main energyKwh  2025-01-01 0 | 04-01 10000 | 07-01 20000 | 2026-01-01 40000
 *                                    q-water volumeM3  2025-01-01 0 | 2026-01-01 900 (q-sub's 50000 kWh never count)
 *   quota 2025: totalKgce 4916, kgcePerCapita 60, kgcePerM2 2.4, waterM3PerCapita 10
 *   31 Dec: 4916 kgce = 100 % (warning), 49.16/person (ok), 2.458/m² (exceeded), 9 m³/person = 90 % (ok)
 *   30 Jun (day 181): 2458 kgce, projected 2458 × 365/181 = 4956.7 (at_risk); 1.229/m² → 2.478 (at_risk);
 *                     water 900 × 181/365 / 100 → projected exactly 9 (ok)
 * q-school (daily meter)  2024: 30 kWh/day to 31 Mar (91 days), then 10 kWh/day (275 days): 5480 kWh;
 *                         2025: 20 kWh/day to 31 Mar (90 days)
 *   2025 quota 500 kgce, asOf 31 Mar: actual 221.22; seasonal projection 221.22 × 5480/2730 = 444.06 (ok), where
 *   linear would give 897.2 (at_risk)
 *   2024 (leap) quota 700, asOf 29 Feb: elapsed 60/366, 221.22 → 1349.44 (at_risk, linear: no 2023 data);
 *   31 Dec 2024: 673.492 = 96.2 % (warning)
 * q-shift  1000 kWh in 2025 = 122.9 kgce, no quota until the test sets one
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class QuotaIT extends PlatformTest {

    private static final double KGCE_PER_KWH = 0.1229;

    @Inject
    InProcessIngest ingest;

    @Override
    protected String registryResource() {
        return "/quota-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        int port = ingest.port().orElseThrow();
        try (Meters m = Meters.connect(port, "q-main", "7c073d85d92e2c5fcd5c2825a45fad60")) {
            m.publish("q-main", "[" + reading("2025-01-01T00:00+08:00", "energyKwh", 0.0)
                    + "," + reading("2025-04-01T00:00+08:00", "energyKwh", 10000.0)
                    + "," + reading("2025-07-01T00:00+08:00", "energyKwh", 20000.0)
                    + "," + reading("2026-01-01T00:00+08:00", "energyKwh", 40000.0) + "]");
        }
        try (Meters m = Meters.connect(port, "q-water", "b10de8e0e5ee798151e3b717b0792ce0")) {
            m.publish("q-water", "[" + reading("2025-01-01T00:00+08:00", "volumeM3", 0.0)
                    + "," + reading("2026-01-01T00:00+08:00", "volumeM3", 900.0) + "]");
        }
        try (Meters m = Meters.connect(port, "q-sub", "c43edbe17d6278332351456ec7ef5db4")) {
            m.publish("q-sub", "[" + reading("2025-01-01T00:00+08:00", "energyKwh", 0.0)
                    + "," + reading("2026-01-01T00:00+08:00", "energyKwh", 50000.0) + "]");
        }
        try (Meters m = Meters.connect(port, "q-shift-main", "4a1060d177a73e5be4a8aa07ef445ede")) {
            m.publish("q-shift-main", "[" + reading("2025-01-01T00:00+08:00", "energyKwh", 0.0)
                    + "," + reading("2026-01-01T00:00+08:00", "energyKwh", 1000.0) + "]");
        }
        try (Meters m = Meters.connect(port, "q-school-main", "3fa58604941adb8e1c62e689ddeb5d80")) {
            m.publish("q-school-main", schoolReadings());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertClose(indicator(quota("q-office", "2025", null), "totalKgce").get("actual"), 4916.0);
            assertThat(quota("q-school", "2025", "2025-03-31").getString("projectionMethod")).isEqualTo("seasonal");
        });
    }

    /** Daily readings at local midnight from 2024-01-01 to 2025-04-01. */
    private static String schoolReadings() {
        List<String> readings = new ArrayList<>();
        double value = 0;
        for (LocalDate d = LocalDate.of(2024, 1, 1); !d.isAfter(LocalDate.of(2025, 4, 1)); d = d.plusDays(1)) {
            readings.add(reading(d + "T00:00+08:00", "energyKwh", value));
            value += d.getYear() == 2025 ? 20 : d.isBefore(LocalDate.of(2024, 4, 1)) ? 30 : 10;
        }
        return "[" + String.join(",", readings) + "]";
    }

    @Test
    void aYearThatEndedHasEveryIndicatorAtItsHandComputedValue() {
        JsonPath q = quota("q-office", "2025", null);
        assertThat(q.getString("institutionId")).isEqualTo("q-office");
        assertThat(q.getInt("year")).isEqualTo(2025);
        assertThat(q.getString("asOf")).as("a past year defaults to 31 December").isEqualTo("2025-12-31");
        assertClose(q.get("elapsedFraction"), 1.0);
        assertThat(q.getString("projectionMethod")).as("no 2024 data").isEqualTo("linear");
        assertThat(q.getList("indicators.indicator")).containsExactly("totalKgce", "kgcePerCapita", "kgcePerM2",
                "waterM3PerCapita");

        assertIndicator(q, "totalKgce", "kgce", 4916, 4916, 4916, 100, "warning");
        assertIndicator(q, "kgcePerCapita", "kgce/person", 60, 49.16, 49.16, 49.16 / 60 * 100, "ok");
        assertIndicator(q, "kgcePerM2", "kgce/m2", 2.4, 2.458, 2.458, 2.458 / 2.4 * 100, "exceeded");
        assertIndicator(q, "waterM3PerCapita", "m3/person", 10, 9, 9, 90, "ok");
        assertThat(q.getString("status")).isEqualTo("exceeded");
        assertThat(q.getString("from")).isEqualTo("2025-01-01T00:00:00+08:00");
        assertThat(q.getString("to")).isEqualTo("2026-01-01T00:00:00+08:00");
    }

    @Test
    void midYearTheLinearProjectionPutsTheYearAtRisk() {
        JsonPath q = quota("q-office", "2025", "2025-06-30");
        assertClose(q.get("elapsedFraction"), 181 / 365.0);
        assertIndicator(q, "totalKgce", "kgce", 4916, 2458, 2458 * 365 / 181.0, 2458 / 4916.0 * 100, "at_risk");
        assertIndicator(q, "kgcePerCapita", "kgce/person", 60, 24.58, 24.58 * 365 / 181, 24.58 / 60 * 100, "ok");
        assertIndicator(q, "kgcePerM2", "kgce/m2", 2.4, 1.229, 1.229 * 365 / 181, 1.229 / 2.4 * 100, "at_risk");
        // 900 m³ spread evenly over the year: by 30 June 900 × 181/365, projecting to exactly 90 % of the quota.
        double water = 900 * 181 / 365.0 / 100;
        assertIndicator(q, "waterM3PerCapita", "m3/person", 10, water, 9, water * 10, "ok");
        assertThat(q.getString("status")).isEqualTo("at_risk");

        JsonPath march = quota("q-office", "2025", "2025-03-31");
        assertIndicator(march, "totalKgce", "kgce", 4916, 1229, 1229 * 365 / 90.0, 25, "at_risk");
    }

    @Test
    void theQuotaActualIsTheConsumptionEndpointsKgce() {
        double kgce = Api.asAdmin().queryParam("from", "2025-01-01").queryParam("to", "2025-07-01")
                .queryParam("interval", "month").when().get("/api/v1/institutions/q-office/consumption").then()
                .statusCode(200).extract().jsonPath().getDouble("total.kgce");
        assertClose(indicator(quota("q-office", "2025", "2025-06-30"), "totalKgce").get("actual"), kgce);
    }

    @Test
    void aFullPreviousYearGivesASeasonalProjection() {
        JsonPath q = quota("q-school", "2025", "2025-03-31");
        assertThat(q.getString("projectionMethod")).isEqualTo("seasonal");
        double actual = 1800 * KGCE_PER_KWH;
        assertIndicator(q, "totalKgce", "kgce", 500, actual, actual * 5480 / 2730, actual / 5, "ok");
        assertClose(q.get("previousYear.completeness"), 1.0);
        assertThat(q.getBoolean("previousYear.full")).isTrue();
        assertThat(q.getString("previousYear.sameDay")).isEqualTo("2024-03-31");
        assertClose(q.get("previousYear.kgce"), 5480 * KGCE_PER_KWH);
        assertClose(q.get("previousYear.kgceToSameDay"), 2730 * KGCE_PER_KWH);
        assertClose(q.get("elapsedFraction"), 90 / 365.0);
    }

    @Test
    void aLeapYearCountsTwentyNinthFebruaryAndThreeHundredSixtySixDays() {
        JsonPath feb = quota("q-school", "2024", "2024-02-29");
        assertThat(feb.getString("asOf")).isEqualTo("2024-02-29");
        assertClose(feb.get("elapsedFraction"), 60 / 366.0);
        assertThat(feb.getString("projectionMethod")).as("no 2023 data").isEqualTo("linear");
        double actual = 1800 * KGCE_PER_KWH;
        assertIndicator(feb, "totalKgce", "kgce", 700, actual, actual * 366 / 60, actual / 7, "at_risk");

        JsonPath dec = quota("q-school", "2024", null);
        assertThat(dec.getString("asOf")).isEqualTo("2024-12-31");
        assertClose(dec.get("elapsedFraction"), 1.0);
        double year = 5480 * KGCE_PER_KWH;
        assertIndicator(dec, "totalKgce", "kgce", 700, year, year, year / 7, "warning");
    }

    @Test
    void aQuotaChangedThroughTheRegistryAppliesAtOnce() {
        Api.asAdmin().queryParam("year", "2025").when().get("/api/v1/institutions/q-shift/quota").then()
                .statusCode(404).body("error", equalTo("no quota")).body("detail", containsString("2025"));
        double kgce = 1000 * KGCE_PER_KWH;
        for (Object[] step : new Object[][]{{100.0, "exceeded"}, {130.0, "warning"}, {200.0, "ok"}}) {
            Api.asAdmin().contentType("application/json")
                    .body("{\"quotas\": [{\"institution\": \"q-shift\", \"year\": 2025, \"totalKgce\": " + step[0]
                            + "}]}").when().put("/api/v1/registry").then().statusCode(200);
            JsonPath q = quota("q-shift", "2025", null);
            assertIndicator(q, "totalKgce", "kgce", (double) step[0], kgce, kgce, 100 * kgce / (double) step[0],
                    (String) step[1]);
        }
    }

    @Test
    void onlyReadersOfTheInstitutionSeeItsQuota() {
        get("q-office-user", "q-office-pass", "q-office", "2025").statusCode(200);
        get("q-office-user", "q-office-pass", "q-school", "2025").statusCode(403).body("error", equalTo("forbidden"));
        get("q-nanjing", "q-nanjing-pass", "q-school", "2025").statusCode(200);
        get("q-auditor", "q-auditor-pass", "q-school", "2025").statusCode(200);
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        Api.asAdmin().when().get("/api/v1/institutions/nope/quota?year=2025").then().statusCode(404)
                .body("error", equalTo("unknown institution"));
        Api.asAdmin().when().get("/api/v1/institutions/q-none/quota?year=2025").then().statusCode(404)
                .body("error", equalTo("no quota"));
        Api.asAdmin().when().get("/api/v1/institutions/q-office/quota?year=2999").then().statusCode(400)
                .body("detail", containsString("2999"));
        Api.asAdmin().when().get("/api/v1/institutions/q-office/quota?year=2025&asOf=2024-12-31").then()
                .statusCode(400).body("detail", containsString("not in the quota year"));
        Api.asAdmin().when().get("/api/v1/institutions/q-office/quota?year=2025&asOf=31.12.2025").then()
                .statusCode(400).body("error", equalTo("invalid parameter"));
        Api.asAdmin().when().get("/api/v1/institutions/q-office/quota?year=20x5").then().statusCode(400);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);
        Api.asAdmin().queryParam("year", LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear())
                .queryParam("asOf", tomorrow.toString()).when().get("/api/v1/institutions/q-office/quota").then()
                .statusCode(400);
    }

    private static void assertIndicator(JsonPath q, String name, String unit, double quota, double actual,
                                        double projected, double usedPct, String status) {
        Map<String, Object> i = indicator(q, name);
        assertThat(i.get("unit")).as(name + " unit").isEqualTo(unit);
        assertClose(i.get("quota"), quota);
        assertClose(i.get("actual"), actual);
        assertClose(i.get("projected"), projected);
        assertClose(i.get("usedPct"), usedPct);
        assertThat(i.get("status")).as(name + " status").isEqualTo(status);
    }

    private static Map<String, Object> indicator(JsonPath q, String name) {
        List<Map<String, Object>> all = q.getList("indicators");
        return all.stream().filter(i -> name.equals(i.get("indicator"))).findFirst()
                .orElseThrow(() -> new AssertionError("no indicator " + name + " in " + all));
    }

    private static JsonPath quota(String institution, String year, String asOf) {
        var request = Api.asAdmin().queryParam("year", year);
        if (asOf != null) {
            request = request.queryParam("asOf", asOf);
        }
        return request.when().get("/api/v1/institutions/" + institution + "/quota").then().statusCode(200)
                .extract().jsonPath(Api.EXACT);
    }

    private static ValidatableResponse get(String user, String password, String institution, String year) {
        return Api.as(user, password).queryParam("year", year).when()
                .get("/api/v1/institutions/" + institution + "/quota").then();
    }
}
