package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static io.jieneng.analytics.it.Meters.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changing a factor changes the answers: the platform runs with the factor table below
 * ({@code JIENENG_FACTORS_FILE}) and the national grid ({@code JIENENG_GRID_REGION}), and the consumption and
 * carbon answers move from what the bundled table gives by exactly quantity × the change of each factor, and
 * report the new factors with their sources and years.
 *
 * <p>Data, 2026-03-10 00:00-01:00 local: it-main imports 100 kWh, it-gas burns 10 m³.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = {
        @ResourceArg(name = "factors", value = ChangedFactorsIT.TABLE),
        @ResourceArg(name = "gridRegion", value = "national")})
class ChangedFactorsIT extends PlatformTest {

    /** Bundled defaults (docs/DOMAIN.md §3–§4) next to the changed values of the table below. */
    private static final double DEFAULT_KGCE_PER_KWH = 0.1229;
    private static final double CHANGED_KGCE_PER_KWH = 0.3;
    private static final double DEFAULT_KGCE_PER_M3 = 1.2143;
    private static final double CHANGED_KGCE_PER_M3 = 1.33;
    private static final double DEFAULT_GAS_CO2 = 2.1622;
    private static final double CHANGED_GAS_CO2 = 2.0;
    // The bundled table picks East China 2023 for 2026 data; the changed one has a national factor for 2025.
    private static final double DEFAULT_GRID_CO2_2026 = 0.5500;
    private static final double CHANGED_GRID_CO2_2026 = 0.45;
    private static final double CHANGED_HEAT_CO2 = 100;
    private static final double IMPORT_KWH = 100;
    private static final double GAS_M3 = 10;

    static final String TABLE = """
            {"version": "test-changed-1", "factors": [
              {"energy": "electricity", "kind": "kgce", "value": 0.3, "unit": "kgce/kWh", "source": "test: 等价值"},
              {"energy": "naturalGas", "kind": "kgce", "value": 1.33, "unit": "kgce/m³", "source": "test: upper end"},
              {"energy": "heat", "kind": "kgce", "value": 34.12, "unit": "kgce/GJ", "source": "GB/T 2589-2020"},
              {"energy": "naturalGas", "kind": "co2", "value": 2.0, "unit": "kgCO2/m³", "source": "test gas"},
              {"energy": "heat", "kind": "co2", "value": 100, "unit": "kgCO2/GJ", "source": "test heat"},
              {"energy": "grid", "kind": "co2", "value": 0.55, "unit": "kgCO2/kWh", "source": "test east 2023",
               "year": 2023, "region": "east-china"},
              {"energy": "grid", "kind": "co2", "value": 0.6, "unit": "kgCO2/kWh", "source": "test national 2023",
               "year": 2023, "region": "national"},
              {"energy": "grid", "kind": "co2", "value": 0.45, "unit": "kgCO2/kWh", "source": "test national 2025",
               "year": 2025, "region": "national"}
            ]}""";

    @Inject
    InProcessIngest ingest;

    @Override
    protected void afterRegistryImport() throws Exception {
        int port = ingest.port().orElseThrow();
        try (Meters main = Meters.connect(port, "it-main", "38939531f00480ab9452579d9e371648")) {
            main.publish("it-main", "[" + reading("2026-03-10T00:00+08:00", "energyKwh", 1000.0)
                    + "," + reading("2026-03-10T01:00+08:00", "energyKwh", 1100.0) + "]");
        }
        try (Meters gateway = Meters.connect(port, "it-gw", "c4d92a1fd47b1e6efe8ffe8cb77b4ef3")) {
            gateway.publish("it-gas", "[" + reading("2026-03-10T00:00+08:00", "volumeM3", 10.0)
                    + "," + reading("2026-03-10T01:00+08:00", "volumeM3", 20.0) + "]");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath json = consumption();
            assertClose(json.get("total.gridImportKwh"), IMPORT_KWH);
            assertClose(json.get("total.gasM3"), GAS_M3);
        });
    }

    @Test
    void kgceAndCo2MoveByQuantityTimesTheChangeOfEachFactor() {
        JsonPath json = consumption();

        double defaultKgce = IMPORT_KWH * DEFAULT_KGCE_PER_KWH + GAS_M3 * DEFAULT_KGCE_PER_M3;
        double defaultCo2 = IMPORT_KWH * DEFAULT_GRID_CO2_2026 + GAS_M3 * DEFAULT_GAS_CO2;
        double kgce = defaultKgce + IMPORT_KWH * (CHANGED_KGCE_PER_KWH - DEFAULT_KGCE_PER_KWH)
                + GAS_M3 * (CHANGED_KGCE_PER_M3 - DEFAULT_KGCE_PER_M3);
        double co2 = defaultCo2 + IMPORT_KWH * (CHANGED_GRID_CO2_2026 - DEFAULT_GRID_CO2_2026)
                + GAS_M3 * (CHANGED_GAS_CO2 - DEFAULT_GAS_CO2);
        assertClose(json.get("total.kgce"), kgce);
        assertClose(json.get("total.co2Kg"), co2);
        assertClose(json.get("buckets[0].kgce"), kgce);
        assertThat(((Number) json.get("total.kgce")).doubleValue()).isNotCloseTo(defaultKgce,
                org.assertj.core.data.Offset.offset(1.0));

        assertThat(json.getString("factorTableVersion")).isEqualTo("test-changed-1");
        List<Map<String, Object>> factors = json.getList("factors");
        assertThat(factors).anySatisfy(f -> {
            assertThat(f).containsEntry("energy", "electricity").containsEntry("kind", "kgce")
                    .containsEntry("source", "test: 等价值");
            assertClose(f.get("value"), CHANGED_KGCE_PER_KWH);
        });
        assertThat(factors).anySatisfy(f -> {
            assertThat(f).containsEntry("energy", "grid").containsEntry("year", 2025)
                    .containsEntry("region", "national").containsEntry("source", "test national 2025");
            assertClose(f.get("value"), CHANGED_GRID_CO2_2026);
        });
    }

    @Test
    void carbonUsesTheChangedFactorsAndReportsThem() {
        JsonPath c = Api.as("office-user", "office-pass").queryParam("year", "2026")
                .when().get("/api/v1/institutions/it-office/carbon").then().statusCode(200).extract()
                .jsonPath(Api.EXACT);

        assertClose(c.get("byEnergy.electricity"), IMPORT_KWH * CHANGED_GRID_CO2_2026);
        assertClose(c.get("byEnergy.gas"), GAS_M3 * CHANGED_GAS_CO2);
        assertClose(c.get("scope1Kg"), GAS_M3 * CHANGED_GAS_CO2);
        assertClose(c.get("scope2Kg"), IMPORT_KWH * CHANGED_GRID_CO2_2026);
        double total = IMPORT_KWH * CHANGED_GRID_CO2_2026 + GAS_M3 * CHANGED_GAS_CO2;
        assertClose(c.get("totalKg"), total);
        assertClose(c.get("perCapitaKg"), total / 200);
        assertClose(c.get("totalKg"), ((Number) consumption().get("total.co2Kg")).doubleValue());
        assertThat(c.getString("factorTableVersion")).isEqualTo("test-changed-1");

        List<Map<String, Object>> factors = c.getList("factors");
        assertThat(factors).extracting(f -> f.get("source"))
                .containsExactly("test national 2025", "test gas", "test heat");
        assertThat(factors).extracting(f -> f.get("year")).containsExactly(2025, null, null);
        assertClose(factors.get(0).get("value"), CHANGED_GRID_CO2_2026);
        assertClose(factors.get(1).get("value"), CHANGED_GAS_CO2);
        assertClose(factors.get(2).get("value"), CHANGED_HEAT_CO2);
    }

    private static JsonPath consumption() {
        return Api.as("office-user", "office-pass").queryParam("from", "2026-03-10").queryParam("to", "2026-03-11")
                .when().get("/api/v1/institutions/it-office/consumption").then().statusCode(200).extract()
                .jsonPath(Api.EXACT);
    }
}
