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
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static io.jieneng.analytics.it.Meters.reading;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Carbon, PUE and PV performance on a small hand-computed dataset (2025, Asia/Shanghai), through MQTT, ingest
 * and embedded QuestDB; plus their refusals and access rules.
 *
 * <pre>
 * ep-main energyKwh   2024-12-31 23:30 1000 | 01-01 00:30 1010 | 06-01 00:00 2010 | 12-31 23:00 3010 | 2026-01-01 01:00 3030
 *   2025 import: 5 (half of the pair across New Year) + 1000 + 1000 + 10 (half of the last pair) = 2015 kWh
 * ep-main exportKwh   0 ... 06-01 00:00 2.0 ... 2.0: 2 kWh in 2025
 * ep-pv               06-01 10:00 0 kWh 500 W/m² | 10:15 3.0 kWh 700 W/m² | 10:30 6.5 kWh 900 W/m²
 *   generation 6.5 kWh, H = 0.25 h × 600 + 0.25 h × 800 = 0.35 kWh/m², yield 6.5 / 20 kWp = 0.325, PR 0.928571...
 * ep-pv-dark          06-01 10:00 100 | 11:00 104 (no irradiance)
 * ep-gas              2024-12-31 23:00 100 | 01-01 01:00 110 | 12-31 23:00 210 | 2026-01-01 01:00 220: 110 m³ in 2025
 * ep-heat             03-01 10 GJ | 03-02 12 GJ: 2 GJ
 * ep-dc-it / -total   06-01 0/0 | 06-02 100/125 | 06-03 200/275 | 06-04 300/435: PUE 1.25, 1.5, 1.6 per day
 * </pre>
 * 2025 carbon with the 2023 East China factor (0.5500): electricity 2015 × 0.55 = 1108.25, gas 110 × 2.1622 =
 * 237.842, heat 2 × 110 = 220; total 1566.092 kg over 50 occupants and 2000 m²; PV avoided (6.5 + 4) × 0.55.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CarbonPuePvIT extends PlatformTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double TOTAL_2025_KG = 2015 * 0.55 + 110 * 2.1622 + 2 * 110.0;

    @Inject
    InProcessIngest ingest;

    @Override
    protected String registryResource() {
        return "/endpoints-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        int port = ingest.port().orElseThrow();
        try (Meters m = Meters.connect(port, "ep-main", "5fe2af469c6dc8c6b2d8bb25f6917609")) {
            m.publish("ep-main", "[" + reading("2024-12-31T23:30+08:00", "energyKwh", 1000.0, "exportKwh", 0.0)
                    + "," + reading("2025-01-01T00:30+08:00", "energyKwh", 1010.0, "exportKwh", 0.0)
                    + "," + reading("2025-06-01T00:00+08:00", "energyKwh", 2010.0, "exportKwh", 2.0)
                    + "," + reading("2025-12-31T23:00+08:00", "energyKwh", 3010.0, "exportKwh", 2.0)
                    + "," + reading("2026-01-01T01:00+08:00", "energyKwh", 3030.0, "exportKwh", 2.0) + "]");
        }
        try (Meters m = Meters.connect(port, "ep-pv", "ed70dfb981b470a2bce383b984b5b65b")) {
            m.publish("ep-pv", "[" + reading("2025-06-01T10:00+08:00", "energyKwh", 0.0, "irradianceWm2", 500.0)
                    + "," + reading("2025-06-01T10:15+08:00", "energyKwh", 3.0, "irradianceWm2", 700.0)
                    + "," + reading("2025-06-01T10:30+08:00", "energyKwh", 6.5, "irradianceWm2", 900.0) + "]");
        }
        try (Meters m = Meters.connect(port, "ep-pv-dark", "d9249c831460bbd789d6e217935af48c")) {
            m.publish("ep-pv-dark", "[" + reading("2025-06-01T10:00+08:00", "energyKwh", 100.0)
                    + "," + reading("2025-06-01T11:00+08:00", "energyKwh", 104.0) + "]");
        }
        try (Meters m = Meters.connect(port, "ep-gas", "1656e9ec465a08edd0e687b4f052b42d")) {
            m.publish("ep-gas", "[" + reading("2024-12-31T23:00+08:00", "volumeM3", 100.0)
                    + "," + reading("2025-01-01T01:00+08:00", "volumeM3", 110.0)
                    + "," + reading("2025-12-31T23:00+08:00", "volumeM3", 210.0)
                    + "," + reading("2026-01-01T01:00+08:00", "volumeM3", 220.0) + "]");
        }
        try (Meters m = Meters.connect(port, "ep-heat", "c54f86929e60405f426e832bb138d0ed")) {
            m.publish("ep-heat", "[" + reading("2025-03-01T00:00+08:00", "heatGj", 10.0)
                    + "," + reading("2025-03-02T00:00+08:00", "heatGj", 12.0) + "]");
        }
        double[][] dc = {{0, 0}, {100, 125}, {200, 275}, {300, 435}};
        try (Meters it = Meters.connect(port, "ep-dc-it", "ed24592c5c479e9e22c0bde20f30e751");
             Meters total = Meters.connect(port, "ep-dc-total", "6ee40f78914e6beb9e51761d19abca1f")) {
            for (int day = 0; day < dc.length; day++) {
                String ts = "2025-06-0" + (day + 1) + "T00:00+08:00";
                it.publish("ep-dc-it", reading(ts, "energyKwh", dc[day][0]));
                total.publish("ep-dc-total", reading(ts, "energyKwh", dc[day][1]));
            }
        }
        // QuestDB applies its write-ahead log moments after the commit the PUBACKs waited for.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath c = carbon("ep-office", "2025", "ep-user", "ep-pass").statusCode(200).extract()
                    .jsonPath(Api.EXACT);
            assertClose(c.get("totalKg"), TOTAL_2025_KG);
            assertClose(pue("2025-06-01", "2025-06-04").extract().jsonPath(Api.EXACT).get("totalKwh"), 435.0);
            assertClose(pv("ep-pv", "2025-01-01", "2026-01-01").extract().jsonPath(Api.EXACT)
                    .get("generationKwh"), 6.5);
        });
    }

    @Test
    void carbonOfTheYearSplitsScopesAndEnergiesAndNamesTheFactorsUsed() {
        JsonPath c = carbon("ep-office", "2025", "ep-user", "ep-pass").statusCode(200).extract().jsonPath(Api.EXACT);

        assertThat(c.getString("institutionId")).isEqualTo("ep-office");
        assertThat(c.getInt("year")).isEqualTo(2025);
        assertClose(c.get("byEnergy.electricity"), 2015 * 0.55);
        assertClose(c.get("byEnergy.gas"), 110 * 2.1622);
        assertClose(c.get("byEnergy.heat"), 2 * 110.0);
        assertClose(c.get("scope1Kg"), 110 * 2.1622);
        assertClose(c.get("scope2Kg"), 2015 * 0.55 + 220.0);
        assertClose(c.get("totalKg"), TOTAL_2025_KG);
        assertClose(c.get("pvAvoidedKg"), 10.5 * 0.55);
        assertClose(c.get("perCapitaKg"), TOTAL_2025_KG / 50);
        assertClose(c.get("perM2Kg"), TOTAL_2025_KG / 2000);
        assertClose(c.get("activity.gridImportKwh"), 2015.0);
        assertClose(c.get("activity.gasM3"), 110.0);
        assertThat(c.getString("from")).isEqualTo("2025-01-01T00:00:00+08:00");
        assertThat(c.getString("to")).isEqualTo("2026-01-01T00:00:00+08:00");

        List<Map<String, Object>> factors = c.getList("factors");
        assertThat(factors).hasSize(3);
        Map<String, Object> grid = factors.get(0);
        assertThat(grid.get("energy")).isEqualTo("grid");
        assertClose(grid.get("value"), 0.55);
        assertThat(grid.get("year")).as("2025 data uses the latest published year, 2023").isEqualTo(2023);
        assertThat(grid.get("unit")).isEqualTo("kgCO2/kWh");
        assertThat((String) grid.get("source")).contains("2023 East China");
        assertThat(factors.get(1).get("energy")).isEqualTo("naturalGas");
        assertClose(factors.get(1).get("value"), 2.1622);
        assertThat(factors.get(2).get("energy")).isEqualTo("heat");
        assertClose(factors.get(2).get("value"), 110.0);
    }

    @Test
    void carbonDefaultsToTheCurrentLocalYearAndLeavesUnknownIntensitiesNull() {
        int thisYear = Year.now(ZONE).getValue();
        JsonPath c = carbon("ep-office", null, "ep-user", "ep-pass").statusCode(200).extract().jsonPath(Api.EXACT);
        assertThat(c.getInt("year")).isEqualTo(thisYear);
        // Only the hour after New Year 2026 is in the data: 10 kWh and 5 m³.
        assertClose(c.get("totalKg"), thisYear == 2026 ? 10 * 0.55 + 5 * 2.1622 : 0.0);

        JsonPath bare = carbon("ep-bare", "2025", "bare-user", "bare-pass").statusCode(200).extract().jsonPath();
        assertThat(bare.getMap("").get("perCapitaKg")).isNull();
        assertThat(bare.getMap("").get("perM2Kg")).isNull();
        assertThat(bare.getMap("")).containsKeys("perCapitaKg", "perM2Kg");
    }

    @Test
    void pueIsTotalOverItWithTheGb40879Grade() {
        assertPue("2025-06-01", "2025-06-02", 100, 125, 1.25, 2);
        assertPue("2025-06-02", "2025-06-03", 100, 150, 1.5, 3);
        assertPue("2025-06-03", "2025-06-04", 100, 160, 1.6, "below-limit");
        assertPue("2025-06-01", "2025-06-04", 300, 435, 1.45, 3);
        assertPue("2025-06-01T12:00:00+08:00", "2025-06-01T18:00:00+08:00", 25, 31.25, 1.25, 2);

        JsonPath idle = pue("2025-07-01", "2025-07-02").statusCode(200).extract().jsonPath();
        assertThat(idle.getMap("")).containsEntry("pue", null).containsEntry("grade", null);
        assertClose(idle.getDouble("itKwh"), 0.0);
    }

    @Test
    void pvPerformanceHasYieldSelfConsumptionAndPerformanceRatio() {
        JsonPath p = pv("ep-pv", "2025-01-01", "2026-01-01").statusCode(200).extract().jsonPath(Api.EXACT);
        assertClose(p.get("generationKwh"), 6.5);
        assertClose(p.get("specificYieldKwhPerKwp"), 0.325);
        assertClose(p.get("irradiationKwhPerM2"), 0.35);
        assertClose(p.get("performanceRatio"), 0.325 / 0.35);
        // The institution generated 6.5 + 4 kWh and exported 2.
        assertClose(p.get("selfConsumptionRate"), (10.5 - 2.0) / 10.5);

        // The range starts halfway through the 10:00-10:15 pair, where the line is at 600 W/m²: H takes the
        // trapezoid 600-700 W/m² over 7.5 minutes (not half the pair's 0.15), then the whole 10:15-10:30 pair.
        JsonPath part = pv("ep-pv", "2025-06-01T10:07:30+08:00", "2025-06-01T10:30:00+08:00").statusCode(200)
                .extract().jsonPath(Api.EXACT);
        assertClose(part.get("irradiationKwhPerM2"), 0.125 * (600 + 700) / 2 / 1000 + 0.2);
        assertClose(part.get("generationKwh"), 1.5 + 3.5);

        JsonPath dark = pv("ep-pv-dark", "2025-06-01", "2025-06-02").statusCode(200).extract().jsonPath(Api.EXACT);
        assertClose(dark.get("specificYieldKwhPerKwp"), 0.4);
        assertThat(dark.getMap("")).containsEntry("performanceRatio", null).containsEntry("irradiationKwhPerM2", null);

        JsonPath july = pv("ep-pv", "2025-07-01", "2025-08-01").statusCode(200).extract().jsonPath(Api.EXACT);
        assertClose(july.get("generationKwh"), 0.0);
        assertThat(july.getMap("")).containsEntry("selfConsumptionRate", null).containsEntry("performanceRatio", null);
    }

    @Test
    void badParametersAreRefusedWithAClearMessage() {
        refused(carbon("ep-office", "abc", "ep-user", "ep-pass"), 400, "invalid parameter", "year 'abc'");
        refused(carbon("ep-office", "1969", "ep-user", "ep-pass"), 400, "invalid parameter", "from 1970");
        refused(carbon("ep-office", "20250", "ep-user", "ep-pass"), 400, "invalid parameter", "four-digit");
        refused(Api.asAdmin().queryParam("to", "2025-06-02").when().get("/api/v1/datacenters/ep-dc/pue").then(),
                400, "missing parameter", "from is required");
        refused(pue("2025-06-02", "2025-06-01"), 400, "invalid range", "must be before");
        refused(pue("2025-06-01", "June"), 400, "invalid parameter", "to 'June'");
        refused(pv("ep-pv", "2025-06-01", "2025-06-01"), 400, "invalid range", "must be before");
        refused(pv("ep-pv", "yesterday", "2025-06-01"), 400, "invalid parameter", "from 'yesterday'");
    }

    @Test
    void unknownIdsAreNotFound() {
        refused(carbon("nowhere", "2025", "admin", Api.ADMIN_PASSWORD), 404, "unknown institution", "nowhere");
        refused(Api.asAdmin().queryParam("from", "2025-06-01").queryParam("to", "2025-06-02")
                .when().get("/api/v1/datacenters/no-dc/pue").then(), 404, "unknown data centre", "no-dc");
        refused(pv("no-meter", "2025-06-01", "2025-06-02"), 404, "unknown meter", "no-meter");
        refused(pv("ep-main", "2025-06-01", "2025-06-02"), 404, "not a pv meter", "electricity");
    }

    @Test
    void usersReadOnlyWhatTheirScopeAllows() {
        carbon("ep-office", "2025", "bare-user", "bare-pass").statusCode(403).body("error", equalTo("forbidden"));
        carbon("ep-office", "2025", "nanjing", "nanjing-pass").statusCode(200);
        carbon("ep-office", "2025", "suzhou", "suzhou-pass").statusCode(403);
        Api.as("bare-user", "bare-pass").queryParam("from", "2025-06-01").queryParam("to", "2025-06-02")
                .when().get("/api/v1/datacenters/ep-dc/pue").then().statusCode(403);
        Api.as("suzhou", "suzhou-pass").queryParam("from", "2025-06-01").queryParam("to", "2025-06-02")
                .when().get("/api/v1/pv/ep-pv/performance").then().statusCode(403);
        Api.as("ep-user", "ep-pass").queryParam("from", "2025-06-01").queryParam("to", "2025-06-02")
                .when().get("/api/v1/pv/ep-pv/performance").then().statusCode(200);
        given().queryParam("year", "2025").when().get("/api/v1/institutions/ep-office/carbon").then()
                .statusCode(401);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        String openapi = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/v1/institutions/{id}/carbon", "/api/v1/datacenters/{id}/pue",
                "/api/v1/pv/{meterId}/performance", "Scope 1 and 2 CO2", "GB 40879-2021 grade",
                "performance ratio (IEC 61724-1)");
    }

    private static void assertPue(String from, String to, double itKwh, double totalKwh, double pue, Object grade) {
        JsonPath p = pue(from, to).statusCode(200).extract().jsonPath(Api.EXACT);
        assertThat(p.getString("dataCenterId")).isEqualTo("ep-dc");
        assertClose(p.get("itKwh"), itKwh);
        assertClose(p.get("totalKwh"), totalKwh);
        assertClose(p.get("pue"), pue);
        Object actual = p.get("grade");
        if (grade instanceof Integer g) {
            assertThat(actual).as("grade is a number").isInstanceOf(Number.class);
            assertThat(((Number) actual).intValue()).isEqualTo(g);
        } else {
            assertThat(actual).isEqualTo(grade);
        }
    }

    private static void refused(ValidatableResponse r, int status, String error, String detail) {
        r.statusCode(status).body("error", equalTo(error)).body("detail", containsString(detail));
        assertThat(r.extract().jsonPath().getMap("").keySet()).containsExactlyInAnyOrder("error", "detail");
    }

    private static ValidatableResponse carbon(String institution, String year, String user, String password) {
        var request = Api.as(user, password);
        if (year != null) {
            request = request.queryParam("year", year);
        }
        return request.when().get("/api/v1/institutions/" + institution + "/carbon").then();
    }

    private static ValidatableResponse pue(String from, String to) {
        return Api.as("ep-user", "ep-pass").queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/datacenters/ep-dc/pue").then();
    }

    private static ValidatableResponse pv(String meter, String from, String to) {
        return Api.asAdmin().queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/pv/" + meter + "/performance").then();
    }
}
