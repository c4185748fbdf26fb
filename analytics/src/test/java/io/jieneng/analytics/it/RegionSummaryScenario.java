package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static io.jieneng.analytics.it.Meters.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET /regions/{code}/summary} on data published over MQTT, run on each store. Province 320000 with
 * Nanjing 320100 (county Xuanwu 320102 below it) and Suzhou 320500; 2025, kgce = kWh × 0.1229 + gas m³ ×
 * 1.2143 + heat GJ × 34.12:
 * <pre>
 * r-prov (320000, 100 p, 1000 m²)  1050 kWh (half of a pair across New Year + 1000)   129.045 kgce, quota 200: ok
 * r-nj   (320100, 200 p, 4000 m²)  20000 kWh + 100 m³ gas (its sub-meter never counts) 2579.43, quota 2000: exceeded
 * r-xw   (320102,  50 p)           3000 kWh + 50 m³ water                             368.7, quota 400: warning
 * r-sz   (320500, 3000 m²)         4000 kWh, 20 kWh export, 200 kWh PV               491.6, kgcePerCapita quota
 *                                                                                     without occupants: unassessed
 * r-sz2  (320500,  10 p, 500 m²)   500 kWh + 2 GJ heat                                129.69, no quota
 * vehicles acquired in 2025: r-nj NEV + ICE, r-sz NEV (r-sz2's ICE is from 2024): NEV share 2/3
 * </pre>
 */
public abstract class RegionSummaryScenario extends PlatformTest {

    private static final List<String> INSTITUTIONS = List.of("r-prov", "r-nj", "r-xw", "r-sz", "r-sz2");
    private static final List<String> FIELDS = List.of("gridImportKwh", "gridExportKwh", "pvGenerationKwh",
            "electricityKwh", "gasM3", "waterM3", "heatGj", "kgce", "co2Kg");
    private static final double PROV = 1050 * 0.1229;
    private static final double NJ = 20000 * 0.1229 + 100 * 1.2143;
    private static final double XW = 3000 * 0.1229;
    private static final double SZ = 4000 * 0.1229;
    private static final double SZ2 = 500 * 0.1229 + 2 * 34.12;

    @Inject
    InProcessIngest ingest;

    @Override
    protected String registryResource() {
        return "/region-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        int port = ingest.port().orElseThrow();
        publish(port, "r-prov-main", "7c957da945da516764e8b2be2185ca88",
                reading("2024-12-31T12:00+08:00", "energyKwh", 0.0),
                reading("2025-01-01T12:00+08:00", "energyKwh", 100.0),
                reading("2026-01-01T00:00+08:00", "energyKwh", 1100.0));
        publish(port, "r-nj-main", "90485885f77d8ab4f12ef1519c829ef5", year("energyKwh", 20000));
        publish(port, "r-nj-gas", "f44bd22ca853ffcc7f9b1395744fe9c9", year("volumeM3", 100));
        publish(port, "r-nj-sub", "b7286489c9c98328c428f80d18897e8b", year("energyKwh", 99999));
        publish(port, "r-xw-main", "cc0a9268e0f083f6f35b875683259a29", year("energyKwh", 3000));
        publish(port, "r-xw-water", "27cee96a2441f9522d88356164eb5639", year("volumeM3", 50));
        publish(port, "r-sz-main", "4c0b8f8a75c61a0d3677fc7eecb951ba",
                reading("2025-01-01T00:00+08:00", "energyKwh", 0.0, "exportKwh", 0.0),
                reading("2026-01-01T00:00+08:00", "energyKwh", 4000.0, "exportKwh", 20.0));
        publish(port, "r-sz-pv", "a1256737ef06fe96dfbdf2ab20ca452b", year("energyKwh", 200));
        publish(port, "r-sz2-main", "7aab197bade6fd9631b987599222084d", year("energyKwh", 500));
        publish(port, "r-sz2-heat", "0d04138c3115288d23f08f3534ab9d13", year("heatGj", 2));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertClose(summary("320000", "2025").get("totals.gridImportKwh"), 28550.0));
    }

    private static String[] year(String register, double amount) {
        return new String[]{reading("2025-01-01T00:00+08:00", register, 0.0),
                reading("2026-01-01T00:00+08:00", register, amount)};
    }

    private static void publish(int port, String meter, String secret, String... readings) throws Exception {
        try (Meters m = Meters.connect(port, meter, secret)) {
            m.publish(meter, "[" + String.join(",", readings) + "]");
        }
    }

    @Test
    void theProvinceHasTheHandComputedFigures() {
        JsonPath s = summary("320000", "2025");
        assertThat(s.getString("regionCode")).isEqualTo("320000");
        assertThat(s.getString("level")).isEqualTo("province");
        assertThat(s.getInt("institutions")).isEqualTo(5);
        assertThat(s.getString("asOf")).isEqualTo("2025-12-31");
        assertClose(s.get("totals.gridImportKwh"), 28550);
        assertClose(s.get("totals.gridExportKwh"), 20);
        assertClose(s.get("totals.pvGenerationKwh"), 200);
        assertClose(s.get("totals.electricityKwh"), 28730);
        assertClose(s.get("totals.gasM3"), 100);
        assertClose(s.get("totals.waterM3"), 50);
        assertClose(s.get("totals.heatGj"), 2);
        assertClose(s.get("totals.kgce"), PROV + NJ + XW + SZ + SZ2);
        assertClose(s.get("totals.co2Kg"), 28550 * 0.55 + 100 * 2.1622 + 2 * 110);
        assertClose(s.get("kgcePerCapita"), (PROV + NJ + XW + SZ2) / 360);
        assertClose(s.get("kgcePerM2"), (PROV + NJ + SZ + SZ2) / 8500);
        assertThat(s.getInt("quotaCompliance.ok")).isEqualTo(1);
        assertThat(s.getInt("quotaCompliance.warning")).isEqualTo(1);
        assertThat(s.getInt("quotaCompliance.at_risk")).isZero();
        assertThat(s.getInt("quotaCompliance.exceeded")).isEqualTo(1);
        assertThat(s.getInt("quotaCompliance.unassessed")).isEqualTo(1);
        assertThat(s.getInt("quotaCompliance.withQuota")).isEqualTo(4);
        assertClose(s.get("quotaCompliance.complianceRate"), 0.5);
        assertThat(s.getBoolean("conservationTargetMet")).isFalse();
        assertClose(s.get("nevShare"), 2 / 3.0);
        assertThat(s.getBoolean("nevTargetMet")).isTrue();
        assertThat(s.getList("children.code")).containsExactly("320100", "320500");
    }

    @Test
    void theRollUpEqualsTheSumOverItsInstitutions() {
        Map<String, JsonPath> consumption = new java.util.HashMap<>();
        for (String id : INSTITUTIONS) {
            consumption.put(id, Api.asAdmin().queryParam("from", "2025-01-01").queryParam("to", "2026-01-01")
                    .queryParam("interval", "month").when().get("/api/v1/institutions/" + id + "/consumption")
                    .then().statusCode(200).extract().jsonPath(Api.EXACT));
        }
        JsonPath s = summary("320000", "2025");
        assertSums(s, "totals", consumption, INSTITUTIONS);
        assertSums(s, "children[0].totals", consumption, List.of("r-nj", "r-xw"));
        assertSums(s, "children[1].totals", consumption, List.of("r-sz", "r-sz2"));
        assertSums(s, "direct.totals", consumption, List.of("r-prov"));
        assertThat(s.getInt("children[0].institutions")).isEqualTo(2);
        assertThat(s.getInt("children[1].institutions")).isEqualTo(2);

        // Each institution's status is the worst of its quota indicators, as the quota endpoint reports it.
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String id : List.of("r-prov", "r-nj", "r-xw", "r-sz")) {
            String status = Api.asAdmin().queryParam("year", "2025").when()
                    .get("/api/v1/institutions/" + id + "/quota").then().statusCode(200).extract().jsonPath()
                    .getString("status");
            counts.merge(status == null ? "unassessed" : status, 1, Integer::sum);
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("ok", 1, "warning", 1, "exceeded", 1,
                "unassessed", 1));

        JsonPath nanjing = summary("320100", "2025");
        assertSums(nanjing, "totals", consumption, List.of("r-nj", "r-xw"));
        assertThat(nanjing.getList("children.code")).containsExactly("320102");
        assertSums(nanjing, "children[0].totals", consumption, List.of("r-xw"));
        assertSums(nanjing, "direct.totals", consumption, List.of("r-nj"));
        assertThat(nanjing.getInt("quotaCompliance.exceeded")).isEqualTo(1);
        assertClose(nanjing.get("quotaCompliance.complianceRate"), 0.5);
        assertClose(nanjing.get("nevShare"), 0.5);
    }

    @Test
    void childRowsCarryTheirOwnFigures() {
        JsonPath s = summary("320000", "2025");
        assertThat(s.getString("children[0].name")).isEqualTo("南京市");
        assertThat(s.getString("children[0].level")).isEqualTo("city");
        assertClose(s.get("children[0].kgcePerCapita"), (NJ + XW) / 250);
        assertClose(s.get("children[0].kgcePerM2"), NJ / 4000);
        assertClose(s.get("children[0].quotaCompliance.complianceRate"), 0.5);
        assertThat(s.getBoolean("children[0].conservationTargetMet")).isFalse();
        assertClose(s.get("children[1].quotaCompliance.complianceRate"), 0.0);
        assertClose(s.get("children[1].nevShare"), 1.0);
        assertThat(s.getBoolean("direct.conservationTargetMet")).isTrue();

        JsonPath thisYear = Api.asAdmin().when().get("/api/v1/regions/320000/summary").then().statusCode(200)
                .extract().jsonPath(Api.EXACT);
        assertThat(thisYear.getInt("year")).isEqualTo(Year.now(ZoneId.of("Asia/Shanghai")).getValue());
        assertThat(thisYear.getMap("")).containsEntry("nevShare", null);
    }

    @Test
    void aRegionUserSeesOnlyItsSubtreeAndAnInstitutionUserNoRegion() {
        status("r-nanjing", "r-nanjing-pass", "320100", 200);
        status("r-nanjing", "r-nanjing-pass", "320102", 200);
        status("r-nanjing", "r-nanjing-pass", "320000", 403);
        status("r-nanjing", "r-nanjing-pass", "320500", 403);
        status("r-xuanwu", "r-xuanwu-pass", "320102", 200);
        status("r-xuanwu", "r-xuanwu-pass", "320100", 403);
        status("r-nj-user", "r-nj-pass", "320100", 403);
        status("r-nj-user", "r-nj-pass", "320000", 403);
        status("r-auditor", "r-auditor-pass", "320000", 200);
        Api.asAdmin().when().get("/api/v1/regions/999999/summary?year=2025").then().statusCode(404)
                .body("error", equalTo("unknown region"));
        Api.asAdmin().when().get("/api/v1/regions/320000/summary?year=2999").then().statusCode(400);
    }

    private static void status(String user, String password, String region, int expected) {
        Api.as(user, password).queryParam("year", "2025").when().get("/api/v1/regions/" + region + "/summary")
                .then().statusCode(expected);
    }

    private static void assertSums(JsonPath summary, String path, Map<String, JsonPath> consumption,
                                   List<String> institutions) {
        for (String field : FIELDS) {
            double sum = 0;
            for (String id : institutions) {
                sum += ((Number) consumption.get(id).get("total." + field)).doubleValue();
            }
            assertThat(((Number) summary.get(path + "." + field)).doubleValue()).as(path + "." + field)
                    .isCloseTo(sum, org.assertj.core.data.Offset.offset(Math.max(1e-9 * Math.abs(sum), 1e-9)));
        }
    }

    static JsonPath summary(String code, String year) {
        return Api.asAdmin().queryParam("year", year).when().get("/api/v1/regions/" + code + "/summary").then()
                .statusCode(200).extract().jsonPath(Api.EXACT);
    }
}
