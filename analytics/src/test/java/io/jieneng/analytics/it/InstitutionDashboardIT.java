package io.jieneng.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.analytics.node.InProcessIngest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jieneng.analytics.it.Meters.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Every panel of the institution-facing Grafana dashboards (dashboards/api), sent to the running platform as
 * Grafana's Infinity datasource would send it with the viewer's forwarded OIDC token ({@link InfinityRequest}):
 * an institution's energy manager gets 200 with the figures of its own meter readings, and 403 for any panel
 * pointed at another institution, whatever the dashboard variable says.
 *
 * <pre>
 * gf-office-main energyKwh at local midnights D-3, D-2, D-1, D (today): 1000, 1240, 1600, 1750 → 240, 360, 150 kWh
 * gf-school-main                                                         500,  520,  560,  600 → 20, 40, 40 kWh
 * dashboard range [D-3, D): consumption 750 kWh = 92.175 kgce; this year's quota 5000 kgce
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "oidc", value = "true"))
class InstitutionDashboardIT extends PlatformTest {

    private static final Path DASHBOARDS = Path.of("..", "dashboards", "api");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double KGCE_PER_KWH = 0.1229;
    private static final double[] OFFICE = {1000, 1240, 1600, 1750};
    private static final double[] SCHOOL = {500, 520, 560, 600};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    InProcessIngest ingest;

    private final LocalDate today = LocalDate.now(ZONE);

    @Override
    protected String registryResource() {
        return "/grafana-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        String withQuota = new String(Api.resource(registryResource()), StandardCharsets.UTF_8).replace(
                "\"quotas\": []", "\"quotas\": [{\"institution\": \"gf-office\", \"year\": " + Year.now(ZONE)
                        + ", \"totalKgce\": 5000}, {\"institution\": \"gf-school\", \"year\": " + Year.now(ZONE)
                        + ", \"totalKgce\": 3000}]");
        Api.asAdmin().contentType("application/json").body(withQuota).put("/api/v1/registry").then().statusCode(200);
        int port = ingest.port().orElseThrow();
        publish(port, "gf-office-main", "4be1c07a9d3f52e68a0b7c914d2e6f35", OFFICE);
        publish(port, "gf-school-main", "d7a3f09e16c2b84d5e0f7a3c92b1d6e8", SCHOOL);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Api.as("gf-office-manager", "b7e29c4f0a1d63e85c2f9a70d4b1e6c3")
                        .queryParam("from", today.minusDays(3).toString()).queryParam("to", today.toString())
                        .get("/api/v1/institutions/gf-office/consumption").then().statusCode(200).extract()
                        .jsonPath().getDouble("total.gridImportKwh")).isEqualTo(750.0));
    }

    private void publish(int port, String meter, String secret, double[] values) throws Exception {
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            readings.add(reading(today.minusDays(values.length - 1 - i).atStartOfDay(ZONE).toOffsetDateTime()
                    .toString(), "energyKwh", values[i]));
        }
        try (Meters m = Meters.connect(port, meter, secret)) {
            m.publish(meter, "[" + String.join(",", readings) + "]");
        }
    }

    @Test
    void everyPanelShowsTheOfficeItsOwnFiguresAndRefusesTheSchool() throws Exception {
        String token = OidcTokens.token("office-manager", "institution", "jieneng_institution", "gf-office");
        InfinityRequest grafana = new InfinityRequest(today.minusDays(3).atStartOfDay(ZONE).toInstant(),
                today.atStartOfDay(ZONE).toInstant());
        JsonNode dashboard = dashboard();

        // The picker: the variable's own query lists exactly the institutions the viewer may read.
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("name").asText()).isEqualTo("institution");
        JsonNode pickerQuery = variable.path("query").path("infinityQuery");
        List<String> options = new ArrayList<>();
        for (Map<String, JsonNode> row : InfinityRequest.rows(pickerQuery, ok(grafana.build(base(), pickerQuery,
                token)))) {
            options.add(row.values().iterator().next().asText());
        }
        assertThat(options).containsExactly("gf-office");

        Instant yearStart = Year.now(ZONE).atDay(1).atStartOfDay(ZONE).toInstant();
        double rangeKwh = 750;
        double yearKwh = advancesSince(OFFICE, yearStart);
        int panels = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(panel.path("targets").size()).as(title).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo("jieneng-api");
                List<Map<String, JsonNode>> rows = InfinityRequest.rows(target,
                        ok(grafana.set("institution", "gf-office").build(base(), target, token)));
                assertThat(rows).as("rows of %s", title).isNotEmpty();
                switch (title) {
                    case "Electricity per day" -> {
                        assertThat(rows).hasSize(3);
                        assertThat(rows.stream().map(r -> r.get("Grid import").asDouble()).toList())
                                .containsExactly(240.0, 360.0, 150.0);
                        assertThat(rows.get(0).get("Day").asText()).startsWith(today.minusDays(3) + "T00:00");
                    }
                    case "Over the range" -> {
                        assertThat(rows.get(0).get("Consumption kWh").asDouble()).isEqualTo(rangeKwh);
                        assertThat(rows.get(0).get("Energy kgce").asDouble())
                                .isCloseTo(rangeKwh * KGCE_PER_KWH, within(1e-9));
                    }
                    case "CO₂ this year" -> {
                        JsonNode carbon = ok(grafana.build(base(), target, token));
                        double grid = carbon.path("factors").findParents("energy").stream()
                                .filter(f -> f.path("energy").asText().equals("grid")
                                        && f.path("kind").asText().equals("co2")).findFirst()
                                .orElseThrow(() -> new AssertionError("no grid CO2 factor in " + carbon))
                                .path("value").asDouble();
                        assertThat(carbon.path("activity").path("gridImportKwh").asDouble()).isEqualTo(yearKwh);
                        assertThat(rows.get(0).get("Scope 2").asDouble()).isCloseTo(yearKwh * grid, within(1e-6));
                    }
                    case "Quota this year" -> {
                        Map<String, JsonNode> total = rows.stream()
                                .filter(r -> r.get("Indicator").asText().equals("totalKgce")).findFirst().orElseThrow();
                        assertThat(total.get("Quota").asDouble()).isEqualTo(5000.0);
                        assertThat(total.get("Actual").asDouble()).isCloseTo(yearKwh * KGCE_PER_KWH, within(1e-9));
                    }
                    default -> throw new AssertionError("panel '" + title + "' has no expectations in this test: "
                            + "add them, every institution-facing panel is checked");
                }

                // The same panel with the variable set to another institution (a URL parameter or an edit away).
                HttpResponse<String> foreign = send(grafana.set("institution", "gf-school").build(base(), target,
                        token));
                assertThat(foreign.statusCode()).as("%s for gf-school: %s", title, foreign.body()).isEqualTo(403);
                assertThat(foreign.body()).doesNotContain("560").doesNotContain("\"buckets\"");
                panels++;
            }
        }
        assertThat(panels).isEqualTo(4);
    }

    /** Without the forwarded token (oauthPassThru off, or no OIDC session) the API answers 401 to every panel. */
    @Test
    void withoutTheViewersTokenNoPanelGetsData() throws Exception {
        InfinityRequest grafana = new InfinityRequest(today.minusDays(3).atStartOfDay(ZONE).toInstant(),
                today.atStartOfDay(ZONE).toInstant()).set("institution", "gf-office");
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                HttpRequest withToken = grafana.build(base(), target, "x");
                HttpRequest anonymous = HttpRequest.newBuilder(withToken.uri()).GET().build();
                assertThat(send(anonymous).statusCode()).as(panel.path("title").asText()).isEqualTo(401);
            }
        }
    }

    /** kWh the register advanced over the days that start at or after {@code since}. */
    private double advancesSince(double[] values, Instant since) {
        double sum = 0;
        for (int i = 1; i < values.length; i++) {
            Instant dayStart = today.minusDays(values.length - i).atStartOfDay(ZONE).toInstant();
            if (!dayStart.isBefore(since)) {
                sum += values[i] - values[i - 1];
            }
        }
        return sum;
    }

    private static JsonNode dashboard() throws IOException {
        try (var files = Files.list(DASHBOARDS)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(all).as("institution-facing dashboards under %s", DASHBOARDS.toAbsolutePath()).hasSize(1);
            return JSON.readTree(all.get(0).toFile());
        }
    }

    /** The datasource URL Grafana would be given (GRAFANA_JIENENG_API_URL): the running platform. */
    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private static JsonNode ok(HttpRequest request) throws Exception {
        HttpResponse<String> r = send(request);
        assertThat(r.statusCode()).as("%s: %s", request.uri(), r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
