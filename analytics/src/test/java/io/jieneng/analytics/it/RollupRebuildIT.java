package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.jieneng.analytics.node.TimeSeriesStore;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.rollup.RollupStateStore;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.RollupRow;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.questdb.client.Sender;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static io.jieneng.analytics.it.Meters.epochMillis;
import static io.jieneng.analytics.it.Meters.reading;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rollups inside the platform: the job rolls up what ingest marked, the consumption API answers from the
 * rollups, and {@code POST /api/v1/rollups/rebuild} brings in readings written around ingest, at once for the API
 * and in the stored rollups once the job has run.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RollupRebuildIT extends PlatformTest {

    private static final Duration JOB_WAIT = Duration.ofSeconds(30);

    @Inject
    InProcessIngest ingest;

    @Inject
    TimeSeriesStore store;

    @Inject
    RegistryService registry;

    @Test
    void onlyAnAdminMayRebuildAndBadRequestsAreRefused() {
        Api.as("office-user", "office-pass").queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .when().post("/api/v1/rollups/rebuild").then().statusCode(403);
        given().queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .when().post("/api/v1/rollups/rebuild").then().statusCode(401);
        Api.asAdmin().queryParam("from", "2026-03-02").queryParam("to", "2026-03-01")
                .when().post("/api/v1/rollups/rebuild").then().statusCode(400);
        Api.asAdmin().queryParam("from", "2026-03-01").queryParam("to", "2026-03-02").queryParam("meter", "nope")
                .when().post("/api/v1/rollups/rebuild").then().statusCode(400);
    }

    @Test
    void readingsWrittenAroundIngestCountOnceARebuildIsRequested() throws Exception {
        try (Meters gateway = Meters.connect(ingest.port().orElseThrow(), "it-gw",
                "c4d92a1fd47b1e6efe8ffe8cb77b4ef3")) {
            gateway.publish("it-water", "[" + reading("2026-03-12T00:00+08:00", "volumeM3", 50.0) + ","
                    + reading("2026-03-12T01:00+08:00", "volumeM3", 51.5) + "]");
        }
        long published = System.currentTimeMillis();
        RollupStateStore state = new RollupStateStore(registry.dataSource(), store.rollups().stateKey());
        await().atMost(JOB_WAIT).until(() -> state.read().watermarkMillis() > published);
        assertThat(store.rollups().daily(List.of("it-water"), epochMillis("2026-03-12T00:00+08:00"),
                epochMillis("2026-03-13T00:00+08:00"))).extracting(RollupRow::readings).containsExactly(2);
        assertClose(waterOn12March(), 1.5);

        // An import straight into the store: no marker announces it, so nothing recomputes the rolled-up day until
        // a rebuild is requested (unless another recomputation of this meter happens to cover the day meanwhile,
        // which is why this test does not assert the stale value in between).
        try (Sender sender = Sender.fromConfig("http::addr=127.0.0.1:" + store.embedded().orElseThrow().httpPort()
                + ";")) {
            sender.table(ReadingSchema.TABLE).symbol(ReadingSchema.METER, "it-water").doubleColumn("volumeM3", 54.0)
                    .at(epochMillis("2026-03-12T02:00+08:00"), ChronoUnit.MILLIS);
        }
        store.rollups().awaitIngested(Duration.ofSeconds(10));

        JsonPath accepted = Api.asAdmin().queryParam("from", "2026-03-12").queryParam("to", "2026-03-13")
                .queryParam("meter", "it-water").when().post("/api/v1/rollups/rebuild")
                .then().statusCode(202).extract().jsonPath();
        assertThat(accepted.getInt("meters")).isEqualTo(1);
        long requested = System.currentTimeMillis();
        // Pending rebuild: the API recomputes the day from the raw readings at once.
        assertClose(waterOn12March(), 4.0);
        await().atMost(JOB_WAIT).until(() -> state.read().watermarkMillis() > requested);
        List<RollupRow> day = store.rollups().daily(List.of("it-water"), epochMillis("2026-03-12T00:00+08:00"),
                epochMillis("2026-03-13T00:00+08:00"));
        assertThat(day).hasSize(1);
        assertThat(day.get(0).values().get("volumeM3")).isEqualTo(4.0);
        assertThat(day.get(0).readings()).isEqualTo(3);
        assertClose(waterOn12March(), 4.0);
    }

    @Test
    void aMetersNewReportingIntervalAppliesToItsRolledUpDaysAtOnce() throws Exception {
        try (Meters gateway = Meters.connect(ingest.port().orElseThrow(), "it-gw",
                "c4d92a1fd47b1e6efe8ffe8cb77b4ef3")) {
            gateway.publish("it-gas", "[" + reading("2026-03-20T00:00+08:00", "volumeM3", 10.0) + ","
                    + reading("2026-03-20T01:00+08:00", "volumeM3", 11.0) + "]");
        }
        long published = System.currentTimeMillis();
        RollupStateStore state = new RollupStateStore(registry.dataSource(), store.rollups().stateKey());
        await().atMost(JOB_WAIT).until(() -> state.read().watermarkMillis() > published);
        // Reporting every 900 s, an hour between two readings is a gap: the day is estimated.
        assertThat(gasOn20March().getBoolean("total.estimated")).isTrue();

        String document = new String(Api.resource("/it-registry.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"secret\": \"e42975758f29541112814746b011dce4\"}",
                        "\"secret\": \"e42975758f29541112814746b011dce4\", \"intervalSeconds\": 3600}");
        assertThat(document).contains("\"intervalSeconds\": 3600");
        Api.asAdmin().contentType("application/json").body(document).when().put("/api/v1/registry")
                .then().statusCode(200);
        long changed = System.currentTimeMillis();
        assertThat(gasOn20March().getBoolean("total.estimated")).as("at once").isFalse();
        await().atMost(JOB_WAIT).until(() -> state.read().watermarkMillis() > changed);
        assertThat(store.rollups().daily(List.of("it-gas"), epochMillis("2026-03-20T00:00+08:00"),
                epochMillis("2026-03-21T00:00+08:00"))).extracting(RollupRow::estimated).containsExactly(false);
        assertThat(gasOn20March().getBoolean("total.estimated")).isFalse();
        assertClose(gasOn20March().getDouble("total.gasM3"), 1.0);
    }

    @Test
    void theJobReportsItsMetrics() {
        await().atMost(JOB_WAIT).untilAsserted(() -> assertThat(given().when().get("/q/metrics").then()
                .statusCode(200).extract().asString())
                .contains("jieneng_rollup_lag_seconds", "jieneng_rollup_meter_days_total",
                        "jieneng_rollup_run_seconds_count", "jieneng_rollup_pending_markers"));
    }

    private static JsonPath gasOn20March() {
        return Api.as("office-user", "office-pass").queryParam("from", "2026-03-20").queryParam("to", "2026-03-21")
                .queryParam("interval", "day").when().get("/api/v1/institutions/it-office/consumption")
                .then().statusCode(200).extract().jsonPath(Api.EXACT);
    }

    private static double waterOn12March() {
        return Api.as("office-user", "office-pass").queryParam("from", "2026-03-12").queryParam("to", "2026-03-13")
                .queryParam("interval", "day").when().get("/api/v1/institutions/it-office/consumption")
                .then().statusCode(200).extract().jsonPath(Api.EXACT).getDouble("total.waterM3");
    }
}
