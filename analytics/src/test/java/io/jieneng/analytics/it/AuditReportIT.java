package io.jieneng.analytics.it;

import io.jieneng.analytics.alert.AlertService;
import io.jieneng.analytics.node.InProcessIngest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit report's json on {@link AuditWeek}, published through MQTT and the in-process ingest into embedded
 * QuestDB: its totals equal the consumption endpoint's months, every section holds the hand-computed figures, the
 * findings fire on the figures that should trigger them and cite them; plus parameters and access.
 * {@link AuditReportFormatsIT} checks the csv, xlsx and html against the same json.
 */
@QuarkusTest
@WithTestResource(value = ReportPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AuditReportIT extends PlatformTest {

    /** (5 × 8 h × 31 kW + 10 half hours × 20 kW) ÷ 45 h. */
    static final double AFTER_HOURS_WORKING_KW = (5 * 8 * 31 + 10 * 0.5 * 20) / 45.0;
    /** (69 weekday hours + 48 weekend hours) × 14 kW + 10 half hours × 20 kW, over 122 h. */
    static final double AFTER_HOURS_KW = ((69 + 48) * 14 + 10 * 0.5 * 20) / 122.0;

    @Inject
    InProcessIngest ingest;

    @Inject
    AlertService alerts;

    @Override
    protected String registryResource() {
        return "/report-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        publishAuditWeek(ingest.port().orElseThrow());
        evaluateAlertsIn2025(alerts);
    }

    /** Publishes {@link AuditWeek} and waits until the store answers with all of it. */
    static void publishAuditWeek(int port) throws Exception {
        for (Map.Entry<String, String> e : AuditWeek.payloads().entrySet()) {
            try (Meters m = Meters.connect(port, e.getKey(), Api.deviceSecret("/report-registry.json", e.getKey()))) {
                m.publish(e.getKey(), e.getValue());
            }
        }
        // QuestDB applies its write-ahead log moments after the commit the PUBACKs waited for.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonPath r = report("json", "zh").statusCode(200).extract().jsonPath(Api.EXACT);
            assertClose(r.get("energy.electricity.gridImportKwh"), AuditWeek.IMPORT_KWH);
            assertClose(r.get("energy.electricity.pvGenerationKwh"), AuditWeek.PV_KWH);
            assertClose(r.get("subItems.items.find { it.code == '01D10' }.kwh"), 504.0);
            assertClose(r.get("energy.lines.find { it.energy == 'heat' }.quantity"), AuditWeek.HEAT_GJ);
        });
    }

    /** Runs the alert engine as of two days after the week, when the meters have been silent for two days. */
    static void evaluateAlertsIn2025(AlertService alerts) {
        assertThat(alerts.evaluate(Instant.parse("2025-03-11T16:00:00Z"))).as("the engine ran").isPresent();
    }

    static ValidatableResponse report(String format, String lang) {
        return Api.as("au-user", "au-pass").queryParam("year", "2025").queryParam("format", format)
                .queryParam("lang", lang).when().get("/api/v1/reports/audit/au-office").then();
    }

    @Test
    void theTotalsEqualTheSumOfTheConsumptionEndpointsMonths() {
        JsonPath r = report("json", "zh").statusCode(200).extract().jsonPath(Api.EXACT);
        JsonPath c = Api.as("au-user", "au-pass").queryParam("from", "2025-01-01").queryParam("to", "2026-01-01")
                .queryParam("interval", "month").when().get("/api/v1/institutions/au-office/consumption").then()
                .statusCode(200).extract().jsonPath(Api.EXACT);
        List<Map<String, Object>> months = c.getList("buckets");
        assertThat(months).hasSize(12);
        assertClose(r.get("energy.totalKgce"), sum(months, "kgce"));
        assertClose(r.get("energy.co2Kg"), sum(months, "co2Kg"));
        assertClose(r.get("energy.electricity.gridImportKwh"), sum(months, "gridImportKwh"));
        assertClose(r.get("energy.electricity.gridExportKwh"), sum(months, "gridExportKwh"));
        assertClose(r.get("energy.electricity.consumptionKwh"), sum(months, "electricityKwh"));
        assertClose(r.get("energy.lines.find { it.energy == 'naturalGas' }.quantity"), sum(months, "gasM3"));
        assertClose(r.get("energy.lines.find { it.energy == 'water' }.quantity"), sum(months, "waterM3"));
        List<Map<String, Object>> reportMonths = r.getList("energy.months");
        assertThat(reportMonths).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(reportMonths.get(i).get("kgce")).isEqualTo(months.get(i).get("kgce"));
            assertThat(reportMonths.get(i).get("month")).isEqualTo(String.format("2025-%02d", i + 1));
        }
        // And the hand-computed week.
        assertClose(r.get("energy.totalKgce"), AuditWeek.KGCE);
        assertClose(r.get("energy.totalTce"), AuditWeek.KGCE / 1000);
        assertClose(r.get("energy.previousTotalKgce"), AuditWeek.PREVIOUS_KGCE);
        assertClose(r.get("energy.changePct"),
                100 * (AuditWeek.KGCE - AuditWeek.PREVIOUS_KGCE) / AuditWeek.PREVIOUS_KGCE);
        assertClose(r.get("carbon.totalKg"), AuditWeek.CO2_KG);
        assertClose(r.get("energy.co2Kg"), AuditWeek.CO2_KG);
    }

    @Test
    void everySectionHoldsTheHandComputedFigures() {
        JsonPath r = report("json", "en").statusCode(200).extract().jsonPath(Api.EXACT);
        assertThat(r.getString("profile.name")).isEqualTo("审计测试机关");
        assertThat(r.getString("profile.regionName")).isEqualTo("南京市");
        assertThat(r.getString("from")).isEqualTo("2025-01-01T00:00:00+08:00");
        assertThat(r.getList("profile.meters")).hasSize(10);
        assertClose(r.get("profile.meters.find { it.meterId == 'au-light' }.readings"), AuditWeek.HOURS + 1);

        assertClose(r.get("energy.lines.find { it.energy == 'electricity' }.kgce"), AuditWeek.IMPORT_KWH * 0.1229);
        assertClose(r.get("energy.lines.find { it.energy == 'electricity' }.sharePct"),
                100 * AuditWeek.IMPORT_KWH * 0.1229 / AuditWeek.KGCE);
        assertClose(r.get("energy.lines.find { it.energy == 'naturalGas' }.factorKgce"), 1.2143);
        assertThat(r.getMap("energy.lines.find { it.energy == 'water' }")).containsEntry("kgce", null)
                .containsEntry("counted", false);

        // The data centre's total meter is the machine room (01D00) although coded 01D10; IT is nested in it.
        assertClose(r.get("subItems.consumptionKwh"), AuditWeek.LOAD_KWH);
        assertClose(r.get("subItems.items.find { it.code == '01A00' }.kwh"), 724.0);
        assertClose(r.get("subItems.items.find { it.code == '01B00' }.kwh"), 894.0);
        assertClose(r.get("subItems.items.find { it.code == '01C00' }.kwh"), 466.0);
        assertClose(r.get("subItems.items.find { it.code == '01D00' }.kwh"), 840.0);
        assertThat(r.getList("subItems.items.find { it.code == '01D00' }.meters")).containsExactly("au-dc-total");
        assertThat(r.getBoolean("subItems.items.find { it.code == '01D10' }.counted")).isFalse();
        assertThat(r.getInt("subItems.items.find { it.code == '01D10' }.level")).isEqualTo(2);
        assertClose(r.get("subItems.meteredKwh"), 2924.0);
        assertClose(r.get("subItems.unmeteredKwh"), 168.0);
        assertClose(r.get("subItems.unmeteredSharePct"), 100 * 168.0 / AuditWeek.LOAD_KWH);

        assertClose(r.get("pv.generationKwh"), AuditWeek.PV_KWH);
        assertClose(r.get("pv.specificYieldKwhPerKwp"), AuditWeek.PV_KWH / 30);
        assertClose(r.get("pv.selfConsumptionRate"), 0.56);
        assertClose(r.get("pv.selfConsumedKwh"), 56.0);
        assertClose(r.get("pv.avoidedCo2Kg"), AuditWeek.PV_KWH * 0.55);
        assertThat(r.getString("pv.gridFactor.source")).contains("2023 East China");
        assertThat(r.getMap("pv.arrays[0]")).containsEntry("meterId", "au-pv").containsEntry("performanceRatio", null);

        assertClose(r.get("dataCentres.centres[0].pue"), 840.0 / 504.0);
        assertThat(r.getString("dataCentres.centres[0].grade")).isEqualTo("below-limit");
        assertThat(r.getInt("dataCentres.centres[0].monthsAboveLimit")).isEqualTo(1);
        assertClose(r.get("dataCentres.centres[0].months[2].pue"), 840.0 / 504.0);
        assertThat(r.getMap("dataCentres.centres[0].months[3]")).containsEntry("pue", null);

        assertClose(r.get("carbon.scope1Kg"), AuditWeek.GAS_M3 * 2.1622);
        assertClose(r.get("carbon.scope2Kg"), AuditWeek.IMPORT_KWH * 0.55 + AuditWeek.HEAT_GJ * 110);
        assertClose(r.get("carbon.perCapitaKg"), AuditWeek.CO2_KG / 50);
        assertThat(r.getList("carbon.factors.source")).hasSize(3);

        assertThat(r.getInt("vehicles.acquired")).isEqualTo(4);
        assertThat(r.getInt("vehicles.nev")).isEqualTo(1);
        assertClose(r.get("vehicles.nevShare"), 0.25);
        assertThat(r.getBoolean("vehicles.targetMet")).isFalse();

        assertClose(r.get("intensities.lines.find { it.indicator == 'kgcePerCapita' }.actual"), AuditWeek.KGCE / 50);
        assertClose(r.get("intensities.lines.find { it.indicator == 'totalKgce' }.quota"), 520.0);
        assertClose(r.get("intensities.lines.find { it.indicator == 'totalKgce' }.usedPct"),
                100 * AuditWeek.KGCE / 520);

        // The quota endpoint's answer for 2025 (asOf 31 December, so projected = actual) and the trajectory.
        assertThat(r.getString("quota.quota.asOf")).isEqualTo("2025-12-31");
        assertThat(r.getString("quota.quota.projectionMethod")).isEqualTo("linear");
        assertThat(r.getString("quota.quota.indicators.find { it.indicator == 'totalKgce' }.status"))
                .isEqualTo("warning");
        assertThat(r.getString("quota.quota.indicators.find { it.indicator == 'kgcePerCapita' }.status"))
                .isEqualTo("exceeded");
        assertThat(r.getString("quota.quota.indicators.find { it.indicator == 'kgcePerM2' }.status")).isEqualTo("ok");
        assertThat(r.getString("quota.quota.status")).isEqualTo("exceeded");
        assertClose(r.get("quota.quota.indicators.find { it.indicator == 'totalKgce' }.actual"), AuditWeek.KGCE);
        assertThat(r.getString("intensities.lines.find { it.indicator == 'kgcePerCapita' }.status"))
                .isEqualTo("exceeded");
        List<Map<String, Object>> trajectory = r.getList("quota.trajectory");
        assertThat(trajectory).hasSize(12);
        assertClose(trajectory.get(1).get("cumulativeKgce"), 0.0);
        assertClose(trajectory.get(2).get("cumulativeKgce"), AuditWeek.KGCE);
        assertClose(trajectory.get(2).get("proratedQuotaKgce"), 520.0 * 90 / 365);
        assertThat(trajectory.get(11).get("date")).isEqualTo("2025-12-31");
        assertClose(trajectory.get(11).get("proratedQuotaKgce"), 520.0);

        // After hours, over the measured hours 03-03 01:00 to 03-09 24:00: the 08:00 and 17:00 hours of a working
        // day (20 kW) are split at 08:30 and 17:30; 31 kW in 09:00-17:00; 14 kW otherwise.
        assertClose(r.get("energy.afterHours.workingHours"), 45.0);
        assertClose(r.get("energy.afterHours.afterHours"), 122.0);
        assertClose(r.get("energy.afterHours.workingMeanKw"), AFTER_HOURS_WORKING_KW);
        assertClose(r.get("energy.afterHours.afterHoursMeanKw"), AFTER_HOURS_KW);
        assertClose(r.get("energy.afterHours.ratio"), AFTER_HOURS_KW / AFTER_HOURS_WORKING_KW);
        assertClose(r.get("energy.afterHours.threshold"), 0.40);
    }

    @Test
    void findingsFireOnTheFiguresThatTriggerThemAndCiteThem() {
        JsonPath zh = report("json", "zh").statusCode(200).extract().jsonPath(Api.EXACT);
        JsonPath en = report("json", "en").statusCode(200).extract().jsonPath(Api.EXACT);
        assertThat(zh.getList("findings.rule", String.class)).contains("quota_exceeded", "quota_warning",
                "pue_above_limit", "after_hours_high",
                "pv_self_consumption_low", "nev_below_target", "data_incomplete")
                // The sub-items add up to the consumption, and the 2024 data is too sparse to compare with.
                .doesNotContain("sub_meters_exceed_main", "energy_increased", "pue_above_green_target");
        assertThat(zh.getList("findings.rule", String.class)).isEqualTo(en.getList("findings.rule", String.class));
        assertThat(zh.getString("findings[0].severity")).isEqualTo("high");
        assertThat(zh.getString("findings.find { it.rule == 'quota_exceeded' }.subject")).isEqualTo("kgcePerCapita");
        assertClose(zh.get("findings.find { it.rule == 'quota_exceeded' }.evidence.find { it.name == 'actual' }.value"),
                AuditWeek.KGCE / 50);
        assertClose(zh.get("findings.find { it.rule == 'quota_exceeded' }.evidence.find { it.name == 'quota' }.value"),
                9.0);
        assertThat(zh.getString("findings.find { it.rule == 'quota_exceeded' }.message"))
                .contains("人均综合能耗", "10.0416", "9.0000");
        assertThat(en.getString("findings.find { it.rule == 'quota_warning' }.message"))
                .contains("Total comprehensive energy", "502.08", "520.00", "96.55% used");

        assertClose(zh.get("findings.find { it.rule == 'pue_above_limit' }.evidence.find { it.name == 'pue' }.value"),
                840.0 / 504.0);
        assertClose(zh.get("findings.find { it.rule == 'pue_above_limit' }"
                + ".evidence.find { it.name == 'limitPue' }.value"),
                1.5);
        assertThat(zh.getString("findings.find { it.rule == 'pue_above_limit' }.subject")).isEqualTo("au-dc");
        assertThat(zh.getString("findings.find { it.rule == 'pue_above_limit' }.message"))
                .contains("au-dc", "1.667", "1.50", "840.00", "504.00", "GB 40879-2021");
        assertThat(en.getString("findings.find { it.rule == 'pue_above_limit' }.message"))
                .contains("Data centre au-dc", "1.667", "above the GB 40879-2021 limit of 1.50");

        assertClose(zh.get("findings.find { it.rule == 'after_hours_high' }"
                + ".evidence.find { it.name == 'ratio' }.value"),
                AFTER_HOURS_KW / AFTER_HOURS_WORKING_KW);
        assertThat(zh.getString("findings.find { it.rule == 'after_hours_high' }.message"))
                .contains("14.25 kW", "29.78 kW", "47.8%", "40%");
        assertThat(en.getString("findings.find { it.rule == 'after_hours_high' }.message"))
                .contains("after hours, 14.25 kW, is 47.8% of the mean load in working hours, 29.78 kW");

        assertClose(zh.get("findings.find { it.rule == 'pv_self_consumption_low' }.evidence[0].value"), 0.56);
        assertThat(zh.getString("findings.find { it.rule == 'pv_self_consumption_low' }.message"))
                .contains("56.0%", "70%", "100.00 kWh", "44.00 kWh");
        assertThat(en.getString("findings.find { it.rule == 'nev_below_target' }.message"))
                .contains("25.0%", "(1 of 4)", "30% target");
        assertThat(zh.getString("findings.find { it.rule == 'nev_below_target' }.recommendation")).contains("新能源汽车");
        assertThat(en.getString("findings.find { it.rule == 'nev_below_target' }.recommendation"))
                .contains("new-energy");
    }

    @Test
    void theYearsAlertsAreThoseTheAlertsEndpointListsOpenedIn2025() {
        JsonPath r = report("json", "zh").statusCode(200).extract().jsonPath();
        List<Map<String, Object>> listed = Api.asAdmin().queryParam("institution", "au-office").when()
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().getList("");
        Map<String, Integer> expected = new TreeMap<>();
        for (Map<String, Object> a : listed) {
            if (OffsetDateTime.parse((String) a.get("openedAt")).getYear() == 2025) {
                expected.merge((String) a.get("type"), 1, Integer::sum);
            }
        }
        assertThat(expected.getOrDefault("meter_offline", 0)).as("silent meters went offline in March 2025")
                .isPositive();
        Map<String, Integer> counted = new TreeMap<>();
        for (Map<String, Object> line : r.<Map<String, Object>>getList("alerts.byType")) {
            assertThat(line.get("type")).isNotNull();
            if ((Integer) line.get("opened") > 0) {
                counted.put((String) line.get("type"), (Integer) line.get("opened"));
            }
        }
        assertThat(r.getList("alerts.byType")).hasSize(7);
        assertThat(counted).isEqualTo(expected);
        assertThat(r.getInt("alerts.total")).isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(r.getList("alerts.alerts")).hasSize(r.getInt("alerts.total"));
        // Nothing was opened in 2024.
        JsonPath y2024 = Api.asAdmin().queryParam("year", "2024").when().get("/api/v1/reports/audit/au-office").then()
                .statusCode(200).extract().jsonPath();
        assertThat(y2024.getInt("alerts.total")).isZero();
    }

    @Test
    void badParametersAreRefusedAndUnknownInstitutionsAreNotFound() {
        refused(Api.asAdmin().queryParam("year", "25").when().get("/api/v1/reports/audit/au-office").then(),
                400, "year '25'");
        refused(Api.asAdmin().queryParam("year", "2999").when().get("/api/v1/reports/audit/au-office").then(),
                400, "has not begun");
        refused(Api.asAdmin().queryParam("format", "pdf").when().get("/api/v1/reports/audit/au-office").then(),
                400, "format 'pdf'");
        refused(Api.asAdmin().queryParam("lang", "fr").when().get("/api/v1/reports/audit/au-office").then(),
                400, "lang 'fr'");
        refused(Api.asAdmin().queryParam("year", "2025").when().get("/api/v1/reports/audit/nowhere").then(),
                404, "nowhere");
    }

    @Test
    void theReportIsReadAsTheInstitutionsOtherData() {
        Api.as("other-user", "other-pass").queryParam("year", "2025").when().get("/api/v1/reports/audit/au-office")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        Api.as("suzhou", "suzhou-pass").queryParam("year", "2025").queryParam("format", "html")
                .when().get("/api/v1/reports/audit/au-office").then().statusCode(403);
        Api.as("nanjing", "nanjing-pass").queryParam("year", "2025").when().get("/api/v1/reports/audit/au-office")
                .then().statusCode(200);
        Api.as("audit-1", "audit-pass").queryParam("year", "2025").queryParam("format", "csv")
                .when().get("/api/v1/reports/audit/au-office").then().statusCode(200);
        io.restassured.RestAssured.given().queryParam("year", "2025").when().get("/api/v1/reports/audit/au-office")
                .then().statusCode(401);
    }

    @Test
    void jsonIsTheDefaultFormatAndChineseTheDefaultLanguage() {
        ValidatableResponse r = Api.as("au-user", "au-pass").queryParam("year", "2025")
                .when().get("/api/v1/reports/audit/au-office").then().statusCode(200)
                .contentType(containsString("application/json"))
                .header("Content-Disposition", containsString("filename=\"audit-au-office-2025-zh.json\""));
        assertThat(r.extract().jsonPath().getString("lang")).isEqualTo("zh");
        assertThat(r.extract().jsonPath().getString("findings[0].message")).containsPattern("[\\u4e00-\\u9fff]");
    }

    private static void refused(ValidatableResponse r, int status, String detail) {
        r.statusCode(status).body("detail", containsString(detail));
    }

    private static double sum(List<Map<String, Object>> buckets, String field) {
        BigDecimal s = BigDecimal.ZERO;
        for (Map<String, Object> b : buckets) {
            s = s.add((BigDecimal) b.get(field));
        }
        return s.doubleValue();
    }
}
