package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.jieneng.analytics.node.TimeSeriesStore;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting meters through {@code PUT /api/v1/registry} against the real time-series store: a meter with a reading
 * is refused with the advice to disable it, one without data is deleted (docs/REGISTRY.md "Deleting meters").
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class MeterDeletionIT extends PlatformTest {

    @Inject
    InProcessIngest ingest;

    @Inject
    TimeSeriesStore timeSeries;

    @Override
    protected void afterRegistryImport() throws Exception {
        try (Meters m = Meters.connect(ingest.port().orElseThrow(), "school-main",
                Api.deviceSecret("/it-registry.json", "school-main"))) {
            m.publish("school-main", Meters.reading("2026-03-10T00:00+08:00", "energyKwh", 10.0));
        }
        timeSeries.rollups().awaitIngested(Duration.ofSeconds(60));
    }

    private static ValidatableResponse put(String document) {
        return Api.asAdmin().contentType("application/json").body(document).when().put("/api/v1/registry").then();
    }

    @Test
    void aMeterWithAReadingIsRefusedWithAdviceToDisableIt() {
        JsonPath error = put("{\"delete\": {\"meters\": [\"school-main\"]}}").statusCode(400).extract().jsonPath();

        List<Map<String, String>> problems = error.getList("problems");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.get("path")).isEqualTo("$.delete.meters[0]");
            assertThat(p.get("message")).contains("has data in the time-series store", "disable it instead");
        });
        assertThat(Api.asAdmin().when().get("/api/v1/registry").then().extract().asString()).contains("school-main");
    }

    @Test
    void aMeterWithoutDataIsDeleted() {
        put("""
                {"meters": [{"id": "it-spare", "institution": "it-school", "type": "water",
                             "secret": "7e1a5c9f3b0d2468e7a1c5f9b3d0a264"}]}""").statusCode(200);

        JsonPath result = put("{\"delete\": {\"meters\": [\"it-spare\"]}}").statusCode(200).extract().jsonPath();

        assertThat(result.getInt("sections.meters.deleted")).isEqualTo(1);
        assertThat(Api.asAdmin().when().get("/api/v1/registry").then().extract().asString())
                .doesNotContain("it-spare").contains("school-main");
    }
}
