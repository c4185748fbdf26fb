package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.Meters.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path on real components: Paho devices publish over MQTT to ingest, ingest writes to the store, and
 * the consumption API returns exactly the hand-computed figures. The readings contain a register reset, a gap
 * that spans two hour boundaries, out-of-order arrival, a duplicate, and a reading just after local midnight.
 *
 * <pre>
 * it-main energyKwh (Asia/Shanghai)         delta   apportioned
 *   03-09 23:50  1000.0                      -      baseline
 *   03-10 00:05  1006.0                      6      4 to 03-09, 2 to the 00h
 *   03-10 00:20  1012.0  (sent twice)        6      00h
 *   03-10 00:35  1020.0  (sent last)         8      00h
 *   03-10 02:05  1056.0  gap of 90 min      36      10 to 00h, 24 to 01h, 2 to 02h (estimated)
 *   03-10 02:20     3.0  reset               3      02h
 *   03-10 02:35     9.0                      6      02h
 * </pre>
 * Hours of 03-10: import 26 / 24 / 11 kWh. it-main exportKwh adds 1.0 in the 00h; PV 100→102→105 adds 2 and 3;
 * through the gateway, water adds 1.5 m³ in the 00h and gas 1 m³ in each of the 00h and 01h. The sub-meter's
 * 1000 kWh must appear nowhere.
 */
public abstract class ConsumptionPathScenario extends PlatformTest {

    private static final double KGCE_PER_KWH = 0.1229;
    private static final double KGCE_PER_M3_GAS = 1.2143;
    private static final double CO2_PER_KWH_2026 = 0.5500; // East China 2023, the latest year before 2026
    private static final double CO2_PER_M3_GAS = 2.1622;

    @Inject
    InProcessIngest ingest;

    @Override
    protected void afterRegistryImport() throws Exception {
        int port = ingest.port().orElseThrow();
        try (Meters main = Meters.connect(port, "it-main", "38939531f00480ab9452579d9e371648")) {
            main.publish("it-main", "[" + reading("2026-03-09T23:50+08:00", "energyKwh", 1000.0, "exportKwh", 0.0)
                    + "," + reading("2026-03-10T00:05+08:00", "energyKwh", 1006.0, "exportKwh", 0.0) + "]");
            main.publish("it-main", reading("2026-03-10T00:20+08:00", "energyKwh", 1012.0, "exportKwh", 0.5));
            main.publish("it-main", reading("2026-03-10T02:05+08:00", "energyKwh", 1056.0, "exportKwh", 1.0));
            main.publish("it-main", "[" + reading("2026-03-10T02:20+08:00", "energyKwh", 3.0, "exportKwh", 1.0)
                    + "," + reading("2026-03-10T02:35+08:00", "energyKwh", 9.0, "exportKwh", 1.0) + "]");
            main.publish("it-main", reading("2026-03-10T00:20+08:00", "energyKwh", 1012.0, "exportKwh", 0.5));
            main.publish("it-main", reading("2026-03-10T00:35+08:00", "energyKwh", 1020.0, "exportKwh", 1.0));
        }
        try (Meters pv = Meters.connect(port, "it-pv", "ec8dcfa2e94111ba22b0939f9262d7bf")) {
            pv.publish("it-pv", "[" + reading("2026-03-10T00:00+08:00", "energyKwh", 100.0)
                    + "," + reading("2026-03-10T01:00+08:00", "energyKwh", 102.0, "irradianceWm2", 0.0)
                    + "," + reading("2026-03-10T02:00+08:00", "energyKwh", 105.0) + "]");
        }
        try (Meters sub = Meters.connect(port, "it-sub", "e377a97ba1963ea14915499625d73638")) {
            sub.publish("it-sub", "[" + reading("2026-03-10T00:00+08:00", "energyKwh", 0.0)
                    + "," + reading("2026-03-10T01:00+08:00", "energyKwh", 1000.0) + "]");
        }
        try (Meters gateway = Meters.connect(port, "it-gw", "c4d92a1fd47b1e6efe8ffe8cb77b4ef3")) {
            gateway.publish("it-water", "[" + reading("2026-03-10T00:00+08:00", "volumeM3", 50.0)
                    + "," + reading("2026-03-10T01:00+08:00", "volumeM3", 51.5) + "]");
            gateway.publish("it-gas", "[" + reading("2026-03-10T00:00+08:00", "volumeM3", 10.0)
                    + "," + reading("2026-03-10T02:00+08:00", "volumeM3", 12.0) + "]");
        }
    }

    @Test
    void hourlyConsumptionIsExact() {
        JsonPath json = awaitConsumption("2026-03-10", "2026-03-10T03:00:00+08:00", "hour", 3, 11.0);
        assertThat(json.getString("timezone")).isEqualTo("Asia/Shanghai");
        List<Map<String, Object>> buckets = json.getList("buckets");
        assertThat(buckets).extracting(b -> b.get("start")).containsExactly(
                "2026-03-10T00:00:00+08:00", "2026-03-10T01:00:00+08:00", "2026-03-10T02:00:00+08:00");

        assertBucket(buckets.get(0), 26.0, 1.0, 2.0, 1.5, 1.0);
        assertBucket(buckets.get(1), 24.0, 0.0, 3.0, 0.0, 1.0);
        assertBucket(buckets.get(2), 11.0, 0.0, 0.0, 0.0, 0.0);
        // The 90-minute gap of it-main is spread and marked as estimated in every hour it touches.
        assertThat(buckets).allSatisfy(b -> assertThat(b.get("estimated")).isEqualTo(true));
        // Four counting meters, four readings expected from each per hour: 16. Received (distinct timestamps):
        // 00h main 3, pv 1, water 1, gas 1; 01h pv 1, water 1; 02h main 3, pv 1, gas 1.
        assertClose(buckets.get(0).get("completeness"), 6.0 / 16);
        assertClose(buckets.get(1).get("completeness"), 2.0 / 16);
        assertClose(buckets.get(2).get("completeness"), 5.0 / 16);
        assertClose(json.getDouble("total.completeness"), 13.0 / 48);
    }

    @Test
    void dailyConsumptionSplitsAtLocalMidnight() {
        JsonPath json = awaitConsumption("2026-03-09", "2026-03-11", "day", 2, 61.0);
        List<Map<String, Object>> buckets = json.getList("buckets");
        assertThat(buckets).extracting(b -> b.get("start"))
                .containsExactly("2026-03-09T00:00:00+08:00", "2026-03-10T00:00:00+08:00");
        // 10 of the 15 minutes between 23:50 and 00:05 belong to 9 March.
        assertBucket(buckets.get(0), 4.0, 0.0, 0.0, 0.0, 0.0);
        assertBucket(buckets.get(1), 61.0, 1.0, 5.0, 1.5, 2.0);
        Map<String, Object> total = json.getMap("total");
        assertBucket(total, 65.0, 1.0, 5.0, 1.5, 2.0);
        assertThat(json.getList("factors", Map.class)).extracting(f -> f.get("source")).doesNotContainNull();
    }

    private JsonPath awaitConsumption(String from, String to, String interval, int buckets, double lastImport) {
        // QuestDB applies its write-ahead log moments after the commit that the PUBACK waited for.
        JsonPath[] result = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath json = Api.as("office-user", "office-pass")
                    .queryParam("from", from).queryParam("to", to).queryParam("interval", interval)
                    .when().get("/api/v1/institutions/it-office/consumption")
                    .then().statusCode(200).extract().jsonPath(Api.EXACT);
            assertThat(json.getList("buckets")).hasSize(buckets);
            assertClose(json.getDouble("buckets[" + (buckets - 1) + "].gridImportKwh"), lastImport);
            assertClose(json.getDouble("total.gasM3"), 2.0);
            result[0] = json;
        });
        return result[0];
    }

    private static void assertBucket(Map<String, Object> b, double importKwh, double exportKwh, double pvKwh,
                                     double waterM3, double gasM3) {
        assertClose(b.get("gridImportKwh"), importKwh);
        assertClose(b.get("gridExportKwh"), exportKwh);
        assertClose(b.get("pvGenerationKwh"), pvKwh);
        assertClose(b.get("electricityKwh"), importKwh + pvKwh - exportKwh);
        assertClose(b.get("waterM3"), waterM3);
        assertClose(b.get("gasM3"), gasM3);
        assertClose(b.get("heatGj"), 0.0);
        assertClose(b.get("kgce"), importKwh * KGCE_PER_KWH + gasM3 * KGCE_PER_M3_GAS);
        assertClose(b.get("co2Kg"), importKwh * CO2_PER_KWH_2026 + gasM3 * CO2_PER_M3_GAS);
    }

    static void assertClose(Object actual, double expected) {
        assertThat(actual).as("a number").isInstanceOf(Number.class);
        assertThat(((Number) actual).doubleValue())
                .isCloseTo(expected, Offset.offset(Math.max(1e-9 * Math.abs(expected), 1e-12)));
    }
}
