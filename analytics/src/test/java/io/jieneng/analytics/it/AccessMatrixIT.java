package io.jieneng.analytics.it;

import io.jieneng.analytics.it.AccessProbe.Who;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.jieneng.analytics.it.AccessProbe.Who.ADMIN;
import static io.jieneng.analytics.it.AccessProbe.Who.AUDITOR;
import static io.jieneng.analytics.it.AccessProbe.Who.CITY;
import static io.jieneng.analytics.it.AccessProbe.Who.COUNTY;
import static io.jieneng.analytics.it.AccessProbe.Who.INST_A;
import static io.jieneng.analytics.it.AccessProbe.Who.INST_B;
import static io.jieneng.analytics.it.AccessProbe.Who.OTHER_CITY;
import static io.jieneng.analytics.it.AccessProbe.Who.PROVINCE;
import static io.jieneng.analytics.it.AccessProbe.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call which REST operation on which subject (docs/SECURITY.md, "Access matrix"). The operations are
 * taken from the running service's OpenAPI document and checked against the JAX-RS resources on the class path,
 * so a new endpoint fails {@link #theMatrixCoversEveryOperation} until it is given expectations here (or, outside
 * {@code /api}, a place in {@link #PUBLIC}). Every probe is sent as every caller of {@link Who}; all mismatches
 * are reported at once, and the observed matrix is written to {@code target/access-matrix.md}.
 *
 * <p>Registry ({@code access-matrix-registry.json}): province 320000 with the cities 320100 and 320500, and the
 * county 320506 below 320500; am-a in the county (a PV meter and a data centre), am-b in 320100 (the same), am-c
 * at the city 320500 itself. Each institution has a quota for 2025 and, after one engine run, meter_offline alerts.
 */
@QuarkusTest
@WithTestResource(value = AccessMatrixPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AccessMatrixIT extends PlatformTest {

    /**
     * Operations outside {@code /api} that are open by design (docs/SECURITY.md): health for the orchestrator,
     * metrics for Prometheus, the API description and its UI. They appear in the OpenAPI document only if the
     * configuration puts them there; {@link #operationsEndpointsAreOpenAndEverythingUnderApiIsNot} calls them.
     */
    static final Set<String> PUBLIC = Set.of(
            "GET /q/health", "GET /q/health/live", "GET /q/health/ready", "GET /q/health/started",
            "GET /q/metrics", "GET /q/openapi", "GET /q/swagger-ui");

    /** Who may read each institution's figures: admin and auditor, its own users, its region and those above. */
    static final Set<Who> SEES_A = set(ADMIN, AUDITOR, INST_A, PROVINCE, CITY, COUNTY);
    static final Set<Who> SEES_B = set(ADMIN, AUDITOR, INST_B, PROVINCE, OTHER_CITY);
    static final Set<Who> SEES_C = set(ADMIN, AUDITOR, PROVINCE, CITY);
    static final Set<Who> EVERY_USER = Who.users();

    private static final String RANGE = "from=2025-06-01&to=2025-06-02";
    /** The engine run that opens the alerts: 2025-06-10 00:00 in Asia/Shanghai, nine days after commissioning. */
    private static final String AS_OF = "2025-06-09T16:00:00Z";
    private static final String UNKNOWN_ALERT = "987654321";

    private final Map<String, String> alertOf = new LinkedHashMap<>();

    @Override
    protected String registryResource() {
        return "/access-matrix-registry.json";
    }

    @Override
    protected void afterRegistryImport() {
        Api.asAdmin().post("/api/v1/alerts/evaluate?asOf=" + AS_OF).then().statusCode(200);
        for (String inst : List.of("am-a", "am-b", "am-c")) {
            List<Object> ids = Api.asAdmin().get("/api/v1/alerts?type=meter_offline&institution=" + inst)
                    .then().statusCode(200).extract().jsonPath().getList("id");
            assertThat(ids).as("meter_offline alerts of %s", inst).isNotEmpty();
            alertOf.put(inst, String.valueOf(ids.get(0)));
        }
    }

    /** The expectations, one or more probes per operation. */
    private List<AccessProbe> matrix() {
        List<AccessProbe> m = new ArrayList<>();
        String[] institutions = {"am-a", "am-b", "am-c"};
        List<Set<Who>> sees = List.of(SEES_A, SEES_B, SEES_C);
        for (int i = 0; i < institutions.length; i++) {
            String id = institutions[i];
            m.add(probe("GET /api/v1/institutions/{id}/consumption", "/api/v1/institutions/" + id + "/consumption?"
                    + RANGE).answer(200, sees.get(i)).others(403));
            m.add(probe("GET /api/v1/institutions/{id}/carbon", "/api/v1/institutions/" + id + "/carbon?year=2025")
                    .answer(200, sees.get(i)).others(403));
            m.add(probe("GET /api/v1/institutions/{id}/quota", "/api/v1/institutions/" + id + "/quota?year=2025")
                    .answer(200, sees.get(i)).others(403));
            m.add(probe("GET /api/v1/reports/audit/{institutionId}", "/api/v1/reports/audit/" + id + "?year=2025")
                    .answer(200, sees.get(i)).others(403));
        }
        // An unknown id is 404 for every user: ids are not secret, the figures behind them are (docs/SECURITY.md).
        m.add(probe("GET /api/v1/institutions/{id}/consumption", "/api/v1/institutions/am-nowhere/consumption?"
                + RANGE).others(404));
        m.add(probe("GET /api/v1/institutions/{id}/carbon", "/api/v1/institutions/am-nowhere/carbon?year=2025")
                .others(404));
        m.add(probe("GET /api/v1/institutions/{id}/quota", "/api/v1/institutions/am-nowhere/quota?year=2025")
                .others(404));
        m.add(probe("GET /api/v1/reports/audit/{institutionId}", "/api/v1/reports/audit/am-nowhere?year=2025")
                .others(404));

        m.add(probe("GET /api/v1/datacenters/{id}/pue", "/api/v1/datacenters/am-a-dc/pue?" + RANGE)
                .answer(200, SEES_A).others(403));
        m.add(probe("GET /api/v1/datacenters/{id}/pue", "/api/v1/datacenters/am-b-dc/pue?" + RANGE)
                .answer(200, SEES_B).others(403));
        m.add(probe("GET /api/v1/datacenters/{id}/pue", "/api/v1/datacenters/am-nowhere/pue?" + RANGE).others(404));

        m.add(probe("GET /api/v1/pv/{meterId}/performance", "/api/v1/pv/am-a-pv/performance?" + RANGE)
                .answer(200, SEES_A).others(403));
        m.add(probe("GET /api/v1/pv/{meterId}/performance", "/api/v1/pv/am-b-pv/performance?" + RANGE)
                .answer(200, SEES_B).others(403));
        // A foreign meter that is not a PV meter: its type is the foreign institution's business, so 403.
        m.add(probe("GET /api/v1/pv/{meterId}/performance", "/api/v1/pv/am-b-main/performance?" + RANGE)
                .answer(404, SEES_B).others(403));
        m.add(probe("GET /api/v1/pv/{meterId}/performance", "/api/v1/pv/am-nowhere/performance?" + RANGE)
                .others(404));

        Map<String, Set<Who>> regions = new LinkedHashMap<>();
        regions.put("320000", set(ADMIN, AUDITOR, PROVINCE));
        regions.put("320100", set(ADMIN, AUDITOR, PROVINCE, OTHER_CITY));
        regions.put("320500", set(ADMIN, AUDITOR, PROVINCE, CITY));
        regions.put("320506", set(ADMIN, AUDITOR, PROVINCE, CITY, COUNTY));
        regions.forEach((code, who) -> m.add(probe("GET /api/v1/regions/{code}/summary", "/api/v1/regions/" + code
                + "/summary?year=2025").answer(200, who).others(403)));
        m.add(probe("GET /api/v1/regions/{code}/summary", "/api/v1/regions/999999/summary?year=2025").others(404));

        m.addAll(alertProbes(sees));
        // The institution picker of the Grafana dashboards that read the API: exactly what the caller may read.
        m.add(probe("GET /api/v1/institutions", "/api/v1/institutions").others(200)
                .rows(set(ADMIN, AUDITOR, PROVINCE), "am-a", "am-b", "am-c")
                .rows(set(INST_A, COUNTY), "am-a").rows(set(INST_B, OTHER_CITY), "am-b")
                .rows(set(CITY), "am-a", "am-c"));

        m.add(probe("GET /api/v1/registry", "/api/v1/registry").answer(200, ADMIN, AUDITOR).others(403));
        m.add(probe("PUT /api/v1/registry", "/api/v1/registry")
                .body("application/json", new String(Api.resource(registryResource()), StandardCharsets.UTF_8))
                .answer(200, ADMIN).others(403));
        m.add(probe("GET /api/v1/quarantine", "/api/v1/quarantine").answer(200, ADMIN).others(403));
        m.add(probe("GET /api/v1/quarantine", "/api/v1/quarantine?meter=am-a-main").answer(200, ADMIN).others(403));
        m.add(probe("POST /api/v1/rollups/rebuild", "/api/v1/rollups/rebuild?" + RANGE).answer(202, ADMIN)
                .others(403));
        return m.stream().map(AccessProbe::complete).toList();
    }

    private List<AccessProbe> alertProbes(List<Set<Who>> sees) {
        List<AccessProbe> m = new ArrayList<>();
        m.add(probe("GET /api/v1/alerts", "/api/v1/alerts").others(200)
                .rows(set(ADMIN, AUDITOR, PROVINCE), "am-a", "am-b", "am-c")
                .rows(set(INST_A, COUNTY), "am-a").rows(set(INST_B, OTHER_CITY), "am-b")
                .rows(set(CITY), "am-a", "am-c"));
        m.add(probe("GET /api/v1/alerts", "/api/v1/alerts?institution=am-b").answer(200, SEES_B).others(403)
                .rows(SEES_B, "am-b"));
        m.add(probe("GET /api/v1/alerts", "/api/v1/alerts?institution=am-nowhere").others(404));
        // The meter filter narrows the caller's own rows: a foreign meter gives an empty list, not its alerts.
        m.add(probe("GET /api/v1/alerts", "/api/v1/alerts?meter=am-b-main").others(200)
                .rows(SEES_B, "am-b").rows(set(INST_A, CITY, COUNTY)));
        String[] institutions = {"am-a", "am-b", "am-c"};
        Set<Who> operators = set(ADMIN, AUDITOR);
        for (int i = 0; i < institutions.length; i++) {
            String alert = alertOf.get(institutions[i]);
            m.add(probe("GET /api/v1/alerts/{id}", "/api/v1/alerts/" + alert).answer(200, sees.get(i)).others(403));
            m.add(probe("GET /api/v1/alerts/{id}/history", "/api/v1/alerts/" + alert + "/history")
                    .answer(200, sees.get(i)).others(403));
            m.add(probe("GET /api/v1/alerts/{id}/deliveries", "/api/v1/alerts/" + alert + "/deliveries")
                    .answer(200, operators).others(403));
        }
        // Acknowledging acts on the alert: an admin or the institution's own users; auditors and regions only read.
        m.add(probe("POST /api/v1/alerts/{id}/ack", "/api/v1/alerts/" + alertOf.get("am-a") + "/ack")
                .answer(200, ADMIN, INST_A).others(403));
        m.add(probe("POST /api/v1/alerts/{id}/ack", "/api/v1/alerts/" + alertOf.get("am-b") + "/ack")
                .answer(200, ADMIN, INST_B).others(403));
        m.add(probe("POST /api/v1/alerts/{id}/ack", "/api/v1/alerts/" + alertOf.get("am-c") + "/ack")
                .answer(200, ADMIN).others(403));
        for (String op : List.of("GET /api/v1/alerts/{id}", "GET /api/v1/alerts/{id}/history",
                "GET /api/v1/alerts/{id}/deliveries", "POST /api/v1/alerts/{id}/ack")) {
            m.add(probe(op, op.substring(op.indexOf(' ') + 1).replace("{id}", UNKNOWN_ALERT)).others(404));
        }
        // No webhook is configured, so no delivery exists: the admin passes the role check and finds nothing.
        m.add(probe("POST /api/v1/alerts/deliveries/{deliveryId}/retry", "/api/v1/alerts/deliveries/1/retry")
                .answer(404, ADMIN).others(403));
        m.add(probe("POST /api/v1/alerts/evaluate", "/api/v1/alerts/evaluate?asOf=" + AS_OF).answer(200, ADMIN)
                .others(403));
        return m;
    }

    private static AccessProbe probe(String operation, String url) {
        return new AccessProbe(operation, url);
    }

    @Test
    void theMatrixCoversEveryOperation() throws Exception {
        Set<String> documented = documentedOperations();
        Set<String> implemented = implementedOperations();
        Set<String> expected = matrix().stream().map(p -> p.operation).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        difference(implemented, documented).forEach(op ->
                problems.add(op + " is served by a JAX-RS resource but missing from the OpenAPI document"));
        difference(documented, implemented).forEach(op ->
                problems.add(op + " is in the OpenAPI document but no JAX-RS resource on the class path serves it"));
        for (String op : documented) {
            boolean api = op.substring(op.indexOf(' ') + 1).startsWith("/api/");
            if (api && !expected.contains(op)) {
                problems.add(op + " has no expectations in AccessMatrixIT.matrix()");
            } else if (!api && !PUBLIC.contains(op)) {
                problems.add(op + " is outside /api but not in AccessMatrixIT.PUBLIC");
            }
        }
        difference(expected, documented).forEach(op ->
                problems.add(op + " is in the matrix but the service no longer has it"));
        assertThat(problems).as("operations of the service vs the matrix").isEmpty();
        assertThat(documented).as("the OpenAPI document lists the API").hasSizeGreaterThan(10);
    }

    @Test
    void everyCallerGetsWhatTheMatrixSays() throws IOException {
        List<AccessProbe> probes = matrix();
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder("| probe |");
        for (Who w : Who.values()) {
            table.append(' ').append(w.label).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(Who.values().length)).append('\n');
        for (AccessProbe p : probes) {
            table.append("| `").append(p.method).append(' ').append(p.url).append("` |");
            for (Who w : Who.values()) {
                Response r = send(p, w);
                int want = p.expected.get(w);
                String where = p.method + " " + p.url + " as " + w.label + " (" + w.user + ")";
                // ∅ marks an error without a body, which the contract's {"error", "detail"} does not allow.
                table.append(' ').append(r.statusCode()).append(r.statusCode() >= 400 && r.asString().isBlank()
                        ? "∅" : "").append(r.statusCode() == want ? "" : " ≠" + want).append(" |");
                if (r.statusCode() != want) {
                    mismatches.add(where + ": expected " + want + ", got " + r.statusCode() + " "
                            + excerpt(r.asString()));
                    continue;
                }
                if (want == 403 && (r.asString().isBlank()
                        || !"forbidden".equals(r.jsonPath().getString("error")))) {
                    mismatches.add(where + ": a 403 without error \"forbidden\": " + excerpt(r.asString()));
                }
                String challenge = r.header("WWW-Authenticate");
                if (want == 401 && (challenge == null || !challenge.toLowerCase(Locale.ROOT).startsWith("basic"))) {
                    mismatches.add(where + ": a 401 without a Basic challenge: " + challenge);
                }
                String told = toldMoreThanAsked(p.url, r.asString());
                if (r.statusCode() >= 400 && told != null) {
                    mismatches.add(where + ": the refusal names " + told + ", which the request did not: "
                            + excerpt(r.asString()));
                }
                Set<String> rows = p.rows.get(w);
                if (rows != null) {
                    Set<String> seen = new TreeSet<>(r.jsonPath().getList("institutionId", String.class));
                    if (!seen.equals(rows)) {
                        mismatches.add(where + ": rows of institutions " + seen + ", expected exactly "
                                + new TreeSet<>(rows));
                    }
                }
            }
            table.append('\n');
        }
        Files.createDirectories(java.nio.file.Path.of("target"));
        Files.writeString(java.nio.file.Path.of("target", "access-matrix.md"), table);
        assertThat(mismatches).as("%d probes × %d callers; the observed matrix is in target/access-matrix.md",
                probes.size(), Who.values().length).isEmpty();
    }

    @Test
    void operationsEndpointsAreOpenAndEverythingUnderApiIsNot() {
        for (String op : PUBLIC) {
            RestAssured.given().get(op.substring(op.indexOf(' ') + 1)).then().statusCode(200);
        }
        // The permission covers the whole prefix, so even a path nothing serves asks for credentials first.
        RestAssured.given().get("/api/v1/not-an-endpoint").then().statusCode(401);
        Api.asAdmin().get("/api/v1/not-an-endpoint").then().statusCode(404);
    }

    private static Response send(AccessProbe p, Who w) {
        RequestSpecification spec = w.user == null ? RestAssured.given()
                : Api.as(w.user, w.password);
        if (p.body != null) {
            spec = spec.contentType(p.contentType).body(p.body);
        }
        return spec.request(p.method, p.url);
    }

    /**
     * An institution id the error body names although the URL did not (as a whole segment or value): a refusal
     * must not tell a caller who owns a meter, data centre or alert it may not read.
     */
    private static String toldMoreThanAsked(String url, String body) {
        Set<String> asked = Set.of(url.split("[/?&=]"));
        for (String id : List.of("am-a", "am-b", "am-c")) {
            if (!asked.contains(id) && Pattern.compile("(?<![\\w-])" + id + "(?![\\w-])").matcher(body).find()) {
                return id;
            }
        }
        return null;
    }

    private static String excerpt(String body) {
        String b = body.replaceAll("\\s+", " ");
        return b.length() > 160 ? b.substring(0, 160) + "…" : b;
    }

    /** {@code "GET /api/v1/alerts/{id}"} for every operation of the served OpenAPI document. */
    private static Set<String> documentedOperations() {
        JsonPath doc = RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        Set<String> ops = new TreeSet<>();
        Set<String> verbs = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
        paths.forEach((path, item) -> item.keySet().stream().filter(verbs::contains)
                .forEach(verb -> ops.add(verb.toUpperCase(Locale.ROOT) + " " + path)));
        return ops;
    }

    /**
     * The same from the JAX-RS annotations of the compiled classes under io/jieneng, so an operation hidden from
     * the OpenAPI document (or excluded from its scan) is noticed too.
     */
    private static Set<String> implementedOperations() throws IOException, URISyntaxException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Set<String> ops = new TreeSet<>();
        Enumeration<URL> roots = loader.getResources("io/jieneng/analytics");
        int scanned = 0;
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            if (!"file".equals(root.getProtocol())) {
                continue;
            }
            java.nio.file.Path base = java.nio.file.Path.of(root.toURI()).getParent().getParent().getParent();
            try (Stream<java.nio.file.Path> files = Files.walk(java.nio.file.Path.of(root.toURI()))) {
                for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".class")).toList()) {
                    String name = base.relativize(f).toString().replace('/', '.').replace('\\', '.')
                            .replaceAll("\\.class$", "");
                    scanned++;
                    Class<?> c;
                    try {
                        c = Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        continue;  // test-only or optional classes; resources always load
                    }
                    addOperations(c, ops);
                }
            }
        }
        assertThat(scanned).as("compiled classes found under io/jieneng/analytics").isPositive();
        return ops;
    }

    private static void addOperations(Class<?> c, Set<String> ops) {
        Path classPath = c.getAnnotation(Path.class);
        if (classPath == null) {
            return;
        }
        for (Method m : c.getDeclaredMethods()) {
            for (Annotation a : m.getAnnotations()) {
                HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = ("/" + classPath.value() + (sub == null ? "" : "/" + sub.value()))
                        .replaceAll("/+", "/").replaceAll("(.)/$", "$1")
                        .replaceAll("\\{\\s*([^:}\\s]+)\\s*(:[^}]*)?}", "{$1}");
                ops.add(verb.value() + " " + path);
            }
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
