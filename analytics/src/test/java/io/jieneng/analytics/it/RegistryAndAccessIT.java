package io.jieneng.analytics.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The registry API (docs/CONTRACT.md §2) and who may read what (§3). */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RegistryAndAccessIT extends PlatformTest {

    @Test
    void importingTheSameDocumentTwiceChangesNothing() {
        JsonPath result = Api.asAdmin().contentType("application/json").body(Api.resource("/it-registry.json"))
                .when().put("/api/v1/registry").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Integer>> sections = result.getMap("sections");
        assertThat(sections).isNotEmpty();
        sections.values().forEach(c -> {
            assertThat(c.get("created")).isZero();
            assertThat(c.get("updated")).isZero();
        });
    }

    @Test
    void exportCarriesNoSecrets() {
        String body = Api.as("auditor", "auditor-pass").when().get("/api/v1/registry").then().statusCode(200)
                .extract().asString();
        assertThat(body).contains("\"it-main\"", "\"it-gw\"", "\"office-user\"")
                .doesNotContain("secret", "password", "38939531f00480ab9452579d9e371648", "office-pass", "$2");
    }

    @Test
    void anInvalidDocumentListsEveryProblemAndWritesNothing() {
        String invalid = """
                {"institutions": [{"id": "new-inst", "name": "x", "region": "999999", "floorAreaM2": -5}],
                 "meters": [{"id": "new-meter", "institution": "nowhere", "type": "water", "secret": "s"}]}""";
        JsonPath error = Api.asAdmin().contentType("application/json").body(invalid)
                .when().put("/api/v1/registry").then().statusCode(400).extract().jsonPath();
        assertThat(error.getString("error")).isEqualTo("invalid registry document");
        List<String> paths = error.getList("problems.path");
        assertThat(paths).contains("$.institutions[0].region", "$.institutions[0].floorAreaM2",
                "$.meters[0].institution", "$.meters[0].secret");
        String export = Api.asAdmin().when().get("/api/v1/registry").then().extract().asString();
        assertThat(export).doesNotContain("new-inst", "new-meter");
    }

    @Test
    void onlyAdminsMayChangeTheRegistry() {
        Api.as("auditor", "auditor-pass").contentType("application/json").body("{}")
                .when().put("/api/v1/registry").then().statusCode(403);
    }

    @Test
    void anInstitutionUserReadsOnlyItsInstitution() {
        consumption("office-user", "office-pass", "it-office").then().statusCode(200);
        consumption("office-user", "office-pass", "it-school").then().statusCode(403)
                .body("error", equalTo("forbidden"));
    }

    @Test
    void aRegionUserReadsOnlyItsSubtree() {
        consumption("suzhou", "suzhou-pass", "it-school").then().statusCode(200);
        consumption("suzhou", "suzhou-pass", "it-office").then().statusCode(403);
        consumption("jiangsu", "jiangsu-pass", "it-office").then().statusCode(200);
        consumption("jiangsu", "jiangsu-pass", "it-school").then().statusCode(200);
    }

    @Test
    void badQueriesGetClearErrors() {
        Api.asAdmin().when().get("/api/v1/institutions/nope/consumption?from=2026-01-01&to=2026-01-02")
                .then().statusCode(404).body("error", equalTo("unknown institution"));
        Api.asAdmin().when().get("/api/v1/institutions/it-office/consumption?from=2026-01-02&to=2026-01-01")
                .then().statusCode(400).body("error", equalTo("invalid range"));
        Api.asAdmin().when().get("/api/v1/institutions/it-office/consumption?from=2026-01-01&to=2026-01-02&interval=week")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("week"));
        Api.asAdmin().when().get("/api/v1/institutions/it-office/consumption?from=2020-01-01&to=2026-01-01&interval=hour")
                .then().statusCode(400).body("error", equalTo("range too long"));
        Api.asAdmin().when().get("/api/v1/institutions/it-office/consumption?to=2026-01-01")
                .then().statusCode(400).body("error", equalTo("missing parameter"));
        Api.asAdmin().when().get("/api/v1/institutions/it-office/consumption?from=yesterday&to=2026-01-01")
                .then().statusCode(400).body("error", equalTo("invalid parameter"));
    }

    @Test
    void operationsEndpointsAreOpen() {
        io.restassured.RestAssured.given().when().get("/q/health/ready").then().statusCode(200);
        io.restassured.RestAssured.given().when().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/institutions/{id}/consumption"));
    }

    private static io.restassured.response.Response consumption(String user, String password, String institution) {
        return Api.as(user, password).queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .when().get("/api/v1/institutions/" + institution + "/consumption");
    }
}
