package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.dashboards.DashboardFiles.DashboardFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What Grafana needs of every dashboard file, and what the project promises of the queries in them. */
class DashboardStructureTest {

    /** The organisation every viewer joins (institution-facing) and the province operators' organisation. */
    private static final int INSTITUTIONS_ORG = 1;
    private static final int OPERATORS_ORG = 2;
    private static final Pattern PROVISIONING_VARIABLE = Pattern.compile("\\$\\{?([A-Z0-9_]+)}?");

    @Test
    void everyDashboardParsesWithAUniqueUidATitleAndASchemaVersion() {
        List<DashboardFile> all = DashboardFiles.dashboards();
        assertThat(all).hasSize(6);
        Set<String> uids = new HashSet<>();
        for (DashboardFile d : all) {
            assertThat(d.uid()).as("uid of %s", d.path()).isNotBlank().hasSizeLessThanOrEqualTo(40);
            assertThat(uids.add(d.uid())).as("uid %s is unique", d.uid()).isTrue();
            assertThat(d.json().path("title").asText()).as("title of %s", d.path()).isNotBlank();
            assertThat(d.json().path("schemaVersion").asInt()).as("schemaVersion of %s", d.path()).isPositive();
            assertThat(d.panels()).as("panels of %s", d.path()).isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.panels()) {
                assertThat(ids.add(p.path("id").asInt())).as("panel ids of %s are unique", d.path()).isTrue();
                assertThat(p.path("title").asText()).isNotBlank();
                assertThat(p.path("targets").size()).as("targets of %s", p.path("title")).isPositive();
            }
        }
    }

    @Test
    void everyDatasourceAPanelVariableOrTargetNamesIsProvisioned() {
        Set<String> provisioned = new HashSet<>();
        for (JsonNode ds : DashboardFiles.provisionedDatasources()) {
            assertThat(provisioned.add(ds.path("uid").asText())).as("datasource uids are unique").isTrue();
        }
        assertThat(provisioned).contains(Datasource.INFLUX.uid(), Datasource.REGISTRY.uid(),
                Datasource.PROMETHEUS.uid());
        for (DashboardFile d : DashboardFiles.dashboards()) {
            for (JsonNode p : d.panels()) {
                String panelUid = p.path("datasource").path("uid").asText();
                if (panelUid.equals(Datasource.MIXED.uid())) {
                    // A mixed panel names the datasource on every target.
                    p.path("targets").forEach(t -> assertThat(t.path("datasource").path("uid").asText())
                            .as("target %s of mixed panel %s", t.path("refId"), p.path("title"))
                            .isIn(provisioned));
                } else {
                    assertThat(panelUid).as("datasource of panel %s in %s", p.path("title"), d.path())
                            .isIn(provisioned);
                }
                p.path("targets").forEach(t -> assertThat(DashboardFiles.datasourceUid(p, t)).isIn(provisioned));
            }
            for (JsonNode v : d.variables()) {
                if (v.path("type").asText().equals("query")) {
                    assertThat(v.path("datasource").path("uid").asText()).as("datasource of $%s",
                            v.path("name").asText()).isIn(provisioned);
                }
            }
        }
    }

    @Test
    void everyVariableAQueryUsesIsDefinedBeforeTheVariablesThatUseIt() {
        for (DashboardFile d : DashboardFiles.dashboards()) {
            List<String> defined = new ArrayList<>();
            for (JsonNode v : d.variables()) {
                Set<String> used = GrafanaInterpolation.references(v.path("query").asText());
                assertThat(defined).as("variables used by $%s in %s", v.path("name").asText(), d.path())
                        .containsAll(used);
                defined.add(v.path("name").asText());
            }
            for (JsonNode p : d.panels()) {
                for (JsonNode t : p.path("targets")) {
                    assertThat(defined).as("variables of panel '%s' in %s", p.path("title").asText(), d.path())
                            .containsAll(GrafanaInterpolation.references(DashboardFiles.queryText(t)));
                }
            }
        }
    }

    /**
     * Raw readings are only read by panels that show at most a day (their own relative time); everything longer
     * reads the rollups. Variable queries (SHOW TAG VALUES) read only the index.
     */
    @Test
    void panelsSpanningMoreThanADayReadTheRollupsNotTheRawReadings() {
        for (DashboardFile d : DashboardFiles.dashboards()) {
            for (JsonNode p : d.panels()) {
                for (JsonNode t : p.path("targets")) {
                    String q = DashboardFiles.queryText(t);
                    if (!q.contains("FROM \"readings\"")) {
                        continue;
                    }
                    String timeFrom = p.path("timeFrom").asText("");
                    assertThat(timeFrom).as("panel '%s' in %s reads raw readings, so it must show at most a day",
                            p.path("title").asText(), d.path()).isNotEmpty();
                    assertThat(GrafanaInterpolation.parse(timeFrom)).isLessThanOrEqualTo(Duration.ofDays(1));
                }
            }
        }
    }

    @Test
    void theFactorConstantsAreTheBundledFactorTableOnes() {
        FactorTable table = FactorTable.load(Optional.empty());
        assertThat(Factors.ELECTRICITY_KGCE_PER_KWH).isEqualTo(table.kgcePerKwh().value());
        assertThat(Factors.GAS_KGCE_PER_M3).isEqualTo(table.kgcePerM3Gas().value());
        assertThat(Factors.HEAT_KGCE_PER_GJ).isEqualTo(table.kgcePerGjHeat().value());
        assertThat(Factors.GAS_CO2_PER_M3).isEqualTo(table.gasCo2PerM3().value());
        assertThat(Factors.HEAT_CO2_PER_GJ).isEqualTo(table.heatCo2PerGj().value());
        // The grid factor the API applies to this year's data (the latest year the table has, for now).
        assertThat(Factors.GRID_CO2_PER_KWH)
                .isEqualTo(table.gridCo2(Factors.GRID_REGION, Year.now().getValue()).value())
                .isEqualTo(table.gridCo2(Factors.GRID_REGION, Factors.GRID_FACTOR_YEAR).value());
    }

    /** Every factor literal in a query is one of the table's constants: no stray number multiplies energy. */
    @Test
    void everyMultiplierInAnInfluxQueryIsAFactorOfTheTable() {
        Set<String> factors = Set.of(Factors.literal(Factors.ELECTRICITY_KGCE_PER_KWH),
                Factors.literal(Factors.GAS_KGCE_PER_M3), Factors.literal(Factors.HEAT_KGCE_PER_GJ),
                Factors.literal(Factors.GRID_CO2_PER_KWH), Factors.literal(Factors.GAS_CO2_PER_M3),
                Factors.literal(Factors.HEAT_CO2_PER_GJ), "100");
        Pattern multiplier = Pattern.compile("\\* ([0-9.]+)");
        Set<String> seen = new TreeSet<>();
        for (DashboardFile d : DashboardFiles.dashboards()) {
            for (JsonNode p : d.panels()) {
                for (JsonNode t : p.path("targets")) {
                    Matcher m = multiplier.matcher(t.path("query").asText(""));
                    while (m.find()) {
                        seen.add(m.group(1));
                    }
                }
            }
        }
        assertThat(factors).containsAll(seen);
        assertThat(seen).contains(Factors.literal(Factors.ELECTRICITY_KGCE_PER_KWH),
                Factors.literal(Factors.GRID_CO2_PER_KWH));
    }

    /**
     * Two organisations: the operators' dashboards and their shared-credential datasources in organisation 2, the
     * institution-facing dashboards with only the REST API datasource in organisation 1, where every viewer lands.
     */
    @Test
    void theProvidersLoadEachSetIntoItsOrganisationAndTheDatasourcesReadOnlyGrafanaVariables() throws Exception {
        List<JsonNode> providers = DashboardFiles.providers();
        assertThat(providers).hasSize(2);
        for (JsonNode provider : providers) {
            assertThat(provider.path("type").asText()).isEqualTo("file");
            assertThat(provider.path("folder").asText()).isEqualTo("Jieneng");
            assertThat(provider.path("allowUiUpdates").asBoolean()).isFalse();
        }
        JsonNode operators = providers.stream().filter(p -> p.path("orgId").asInt() == OPERATORS_ORG).findFirst()
                .orElseThrow();
        JsonNode institutions = providers.stream().filter(p -> p.path("orgId").asInt() == INSTITUTIONS_ORG)
                .findFirst().orElseThrow();
        assertThat(operators.path("options").path("path").asText()).endsWith("/jieneng");
        assertThat(institutions.path("options").path("path").asText()).endsWith("/jieneng-api");

        for (JsonNode ds : DashboardFiles.provisionedDatasources()) {
            int org = ds.path("orgId").asInt();
            if (ds.path("uid").asText().equals(Datasource.JIENENG_API.uid())) {
                assertThat(org).as("the API datasource's organisation").isEqualTo(INSTITUTIONS_ORG);
            } else {
                assertThat(org).as("organisation of %s, which reads with a shared credential", ds.path("name"))
                        .isEqualTo(OPERATORS_ORG);
            }
        }
        JsonNode influx = DashboardFiles.provisionedDatasources().stream()
                .filter(ds -> ds.path("uid").asText().equals(Datasource.INFLUX.uid())).findFirst().orElseThrow();
        assertThat(influx.path("type").asText()).isEqualTo("influxdb");
        assertThat(influx.path("jsonData").path("version").asText()).isEqualTo("InfluxQL");
        // Database, user and password come from the environment, never from the file.
        assertThat(influx.path("jsonData").path("dbName").asText()).startsWith("${");
        assertThat(influx.path("user").asText()).startsWith("${");
        assertThat(influx.path("secureJsonData").path("password").asText()).startsWith("${");
        try (var files = Files.list(DashboardFiles.DATASOURCES)) {
            for (Path file : files.toList()) {
                String withoutComments = Files.readAllLines(file).stream().filter(l -> !l.strip().startsWith("#"))
                        .collect(java.util.stream.Collectors.joining("\n"));
                Matcher m = PROVISIONING_VARIABLE.matcher(withoutComments);
                while (m.find()) {
                    assertThat(m.group(1)).as("environment variables of %s", file).startsWith("GRAFANA_");
                }
            }
        }
    }

    /**
     * The API datasource holds no credential and forwards the viewer's token, only to the API's own URL: the
     * scope checks of the API are what limits a viewer, not the dashboard.
     */
    @Test
    void theApiDatasourceForwardsTheViewersTokenToTheApiOnlyAndHoldsNoCredential() {
        JsonNode api = DashboardFiles.provisionedDatasources().stream()
                .filter(ds -> ds.path("uid").asText().equals(Datasource.JIENENG_API.uid())).findFirst().orElseThrow();
        assertThat(api.path("type").asText()).isEqualTo(Datasource.JIENENG_API.type());
        assertThat(api.path("jsonData").path("oauthPassThru").asBoolean()).isTrue();
        assertThat(Json.MAPPER.convertValue(api.path("jsonData").path("allowedHosts"), List.class))
                .containsExactly(api.path("url").asText());
        assertThat(api.has("basicAuth") || api.has("secureJsonData") || api.has("user")
                || api.path("jsonData").has("auth_method")).as("a credential on the API datasource").isFalse();
    }

    /**
     * Every institution-facing dashboard reads the API only: every panel, target and variable uses the API
     * datasource, with relative URLs under /api/v1 and no header of its own (the token is the datasource's to add).
     */
    @Test
    void everyInstitutionFacingPanelAndVariableReadsTheApiOnly() {
        List<DashboardFile> all = DashboardFiles.institutionFacing();
        assertThat(all).isNotEmpty();
        Set<String> uids = new HashSet<>();
        DashboardFiles.dashboards().forEach(d -> uids.add(d.uid()));
        for (DashboardFile d : all) {
            assertThat(uids.add(d.uid())).as("uid %s is unique across both sets", d.uid()).isTrue();
            List<JsonNode> targets = new ArrayList<>();
            for (JsonNode p : d.panels()) {
                assertThat(p.path("datasource").path("uid").asText()).as("panel %s", p.path("title"))
                        .isEqualTo(Datasource.JIENENG_API.uid());
                p.path("targets").forEach(targets::add);
            }
            for (JsonNode v : d.variables()) {
                assertThat(v.path("datasource").path("uid").asText()).isEqualTo(Datasource.JIENENG_API.uid());
                targets.add(v.path("query").path("infinityQuery"));
            }
            for (JsonNode t : targets) {
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo(Datasource.JIENENG_API.uid());
                assertThat(t.path("url").asText()).startsWith("/api/v1/");
                assertThat(t.path("url_options").path("method").asText()).isEqualTo("GET");
                assertThat(t.path("url_options").path("headers")).isEmpty();
            }
        }
    }
}
