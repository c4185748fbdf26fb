package io.jieneng.docker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/grafana/start.sh, run for real with {@code sh} against a stand-in for Grafana's HTTP API (no Grafana is
 * installed here; the stand-in answers the five calls the script makes, as Grafana documents them) and a stand-in
 * entrypoint that records the provisioning directory it was started with. Grafana must start with organisation 1's
 * files only (it refuses to start on a file naming a missing organisation), and the operators' files, with their
 * shared-credential datasources, may only be loaded into the organisation "Province operators" with id 2.
 */
class GrafanaStartScriptTest {

    private static final Path SCRIPT = Repo.DOCKER.resolve("grafana/start.sh");
    private static final Path PROVISIONING = Repo.ROOT.resolve("dashboards/provisioning");

    @TempDir
    Path dir;

    private HttpServer grafana;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stagedAtReload = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (grafana != null) {
            grafana.stop(0);
        }
    }

    @Test
    void grafanaStartsWithTheInstitutionsFilesThenTheOperatorsOrganisationIsCreatedAndProvisioned() throws Exception {
        startGrafana(null);
        Run run = runScript();
        assertThat(run.exit).as("exit status; output:\n%s", run.output).isZero();
        assertThat(run.stagedAtStart).as("provisioning files Grafana started with")
                .containsExactly("dashboards/institutions.yaml", "datasources/institutions.yaml");
        // Every call as Grafana's admin, with the password of GF_SECURITY_ADMIN_PASSWORD.
        String admin = " as admin:grafana-admin-secret-1";
        assertThat(calls).containsSubsequence("POST /api/orgs {\"name\":\"Province operators\"}" + admin,
                "POST /api/admin/provisioning/datasources/reload" + admin,
                "POST /api/admin/provisioning/dashboards/reload" + admin);
        assertThat(calls).allMatch(c -> c.endsWith(admin));
        assertThat(stagedAtReload.get(0)).contains("datasources/operators.yaml").contains("dashboards/operators.yaml");
    }

    @Test
    void anExistingOperatorsOrganisationIsReusedWithoutCreatingAnother() throws Exception {
        startGrafana(2);
        Run run = runScript();
        assertThat(run.exit).as("output:\n%s", run.output).isZero();
        assertThat(calls).noneMatch(c -> c.startsWith("POST /api/orgs"))
                .anyMatch(c -> c.startsWith("POST /api/admin/provisioning/datasources/reload"));
    }

    /** Organisation 2 is someone else's: the shared-credential datasources must not be loaded into it. */
    @Test
    void theOperatorsFilesAreNotLoadedWhenTheOrganisationHasAnotherId() throws Exception {
        startGrafana(3);
        Run run = runScript();
        assertThat(run.exit).isNotZero();
        assertThat(run.output).contains("has id 3, but dashboards/provisioning/*/operators.yaml expect 2");
        assertThat(calls).noneMatch(c -> c.contains("/reload"));
    }

    /** {@code existingOrgId}: the id of "Province operators" if it exists already, else null. */
    private void startGrafana(Integer existingOrgId) throws IOException {
        grafana = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        grafana.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String who = "";
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.startsWith("Basic ")) {
                who = " as " + new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            }
            calls.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() || body.equals("{}") ? "" : " "
                    + body) + who);
            if (path.equals("/api/health")) {
                reply(exchange, 200, "{\"database\":\"ok\"}");
            } else if (path.equals("/api/orgs/name/Province%20operators")) {
                reply(exchange, existingOrgId == null ? 404 : 200, existingOrgId == null ? "{\"message\":\"not found\"}"
                        : "{\"id\":" + existingOrgId + ",\"name\":\"Province operators\"}");
            } else if (path.equals("/api/orgs") && exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 200, "{\"message\":\"Organization created\",\"orgId\":2}");
            } else if (path.endsWith("/reload")) {
                stagedAtReload.add(listing(dir.resolve("stage")).toString());
                reply(exchange, 200, "{\"message\":\"reloaded\"}");
            } else {
                reply(exchange, 404, "{}");
            }
        });
        grafana.start();
    }

    private record Run(int exit, String output, List<String> stagedAtStart) {
    }

    private Run runScript() throws Exception {
        Path entrypoint = dir.resolve("fake-grafana.sh");
        Path startedWith = dir.resolve("started-with");
        // The stand-in for Grafana's /run.sh: records its provisioning directory, then runs a little while.
        Files.writeString(entrypoint, "#!/bin/sh\ncd \"$GF_PATHS_PROVISIONING\" && find . -type f | sed 's|^./||' "
                + "| sort > " + startedWith + "\nsleep 2\n");
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().put("GRAFANA_PROVISIONING_SOURCE", PROVISIONING.toString());
        pb.environment().put("GRAFANA_PROVISIONING_STAGE", dir.resolve("stage").toString());
        pb.environment().put("GRAFANA_ENTRYPOINT", entrypoint.toString());
        pb.environment().put("GRAFANA_LOCAL_URL", "http://127.0.0.1:" + grafana.getAddress().getPort());
        pb.environment().put("GF_SECURITY_ADMIN_PASSWORD", "grafana-admin-secret-1");
        entrypoint.toFile().setExecutable(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> staged = Files.exists(startedWith) ? Files.readAllLines(startedWith) : List.of();
        return new Run(p.exitValue(), output, staged);
    }

    private static List<String> listing(Path stage) {
        try (Stream<Path> files = Files.walk(stage)) {
            return files.filter(Files::isRegularFile).map(f -> stage.relativize(f).toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
