package io.jieneng.docker;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose files are valid and deploy what docs/DEPLOY.md says they deploy. */
class ComposeFilesTest {

    private static final List<Path> FILES = List.of(Repo.COMPOSE, Repo.COMPOSE_SCALE);

    @Test
    void bothComposeFilesPassTheStructuralCheck() {
        for (Path p : FILES) {
            ComposeFile f = ComposeFile.load(p);
            assertThat(ComposeChecks.problems(f, imagesWithHealthcheck(f))).as("problems in %s", p).isEmpty();
        }
    }

    /** Where the docker compose plugin exists, it must accept both files too (it needs no engine for this). */
    @Test
    void dockerComposeConfigAcceptsBothFilesWhereThePluginExists() throws Exception {
        if (!run(List.of("docker", "compose", "version"))) {
            // No plugin on this machine (the case on the build machines): the structural check above stands in.
            return;
        }
        for (Path p : FILES) {
            assertThat(run(List.of("docker", "compose", "--env-file", Repo.ENV_EXAMPLE.toString(), "-f", p.toString(),
                    "config", "--quiet"))).as("docker compose config of %s", p).isTrue();
        }
    }

    /**
     * Where only the older standalone {@code docker-compose} (1.29, Debian's package) exists, it validates the files
     * against its Compose schema too, less the top-level {@code name}, which it predates.
     */
    @Test
    void dockerComposeV1AcceptsBothFilesWhereItExists() throws Exception {
        if (!run(List.of("docker-compose", "version"))) {
            return;
        }
        for (Path p : FILES) {
            Path copy = Files.createTempFile(Repo.DOCKER, ".v1-", ".yaml");
            try {
                Files.writeString(copy, Repo.read(p).replaceAll("(?m)^name: .*$", ""));
                assertThat(run(List.of("docker-compose", "--env-file", Repo.ENV_EXAMPLE.toString(), "-f",
                        copy.toString(), "config", "-q"))).as("docker-compose config of %s", p).isTrue();
            } finally {
                Files.delete(copy);
            }
        }
    }

    /** The checker finds what it is for: each planted mistake is reported. */
    @Test
    void theStructuralCheckFindsPlantedMistakes() {
        String yaml = """
                services:
                  db:
                    image: postgres:16
                    restart: unless-stopped
                    volumes:
                      - undeclared:/var/lib/postgresql/data
                  app:
                    image: app
                    restart: sometimes
                    enviroment:
                      A: b
                    ports:
                      - "80:80:80"
                    healthcheck:
                      test: ["RUN", "true"]
                      interval: soon
                    depends_on:
                      db:
                        condition: service_healthy
                      cache:
                        condition: service_started
                      loop:
                        condition: service_started
                  loop:
                    image: loop
                    restart: "no"
                    depends_on:
                      app:
                        condition: service_started
                volumes:
                  unused:
                """;
        List<String> problems = ComposeChecks.problems(ComposeFile.parse(yaml), Set.of());
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("named volume undeclared"))
                .anySatisfy(p -> assertThat(p).contains("restart must be"))
                .anySatisfy(p -> assertThat(p).contains("unknown key enviroment"))
                .anySatisfy(p -> assertThat(p).contains("port 80:80:80"))
                .anySatisfy(p -> assertThat(p).contains("healthcheck test must start"))
                .anySatisfy(p -> assertThat(p).contains("interval soon"))
                .anySatisfy(p -> assertThat(p).contains("waits for db to be healthy, but db has no health check"))
                .anySatisfy(p -> assertThat(p).contains("unknown service cache"))
                .anySatisfy(p -> assertThat(p).contains("dependency cycle"))
                .anySatisfy(p -> assertThat(p).contains("volume unused is declared"))
                .anySatisfy(p -> assertThat(p).contains("service db: a long-running service without a health check"));
    }

    @Test
    void passwordsComeFromTheEnvFileWhoseExampleDeclaresEveryVariableUsed() {
        Set<String> declared = new TreeSet<>();
        for (String line : Repo.read(Repo.ENV_EXAMPLE).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                declared.add(line.substring(0, line.indexOf('=')));
            }
        }
        Set<String> used = new TreeSet<>();
        for (Path p : FILES) {
            used.addAll(ComposeChecks.interpolated(Repo.read(p)));
            // No password is written into a compose file: every *PASSWORD* value is interpolated.
            for (var s : ComposeFile.load(p).services().entrySet()) {
                ComposeFile.environment(s.getValue()).forEach((k, v) -> {
                    if (k.contains("PASSWORD") && !k.endsWith("_USER")) {
                        assertThat(v).as("%s of %s in %s", k, s.getKey(), p).startsWith("${").contains(":?");
                    }
                });
            }
        }
        assertThat(declared).as("variables of docker/.env.example").isEqualTo(used);
        assertThat(Files.exists(Repo.DOCKER.resolve(".env"))).as("docker/.env is never committed").isFalse();
    }

    @Test
    void theSingleNodeRunsAnalyticsOnInfluxDbAndPostgresWithGrafanaProvisioned() {
        ComposeFile f = ComposeFile.load(Repo.COMPOSE);
        assertThat(f.services().keySet()).contains("influxdb", "postgres", "analytics", "grafana", "prometheus");
        assertThat(f.service("influxdb").path("image").asText()).startsWith("influxdb:1.");
        Map<String, String> env = ComposeFile.environment(f.service("analytics"));
        assertThat(env).containsEntry("JIENENG_STORE", "influxdb").containsEntry("JIENENG_INFLUX_URL",
                "http://influxdb:8086");
        assertThat(env.get("JIENENG_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(env).doesNotContainKey("JIENENG_IN_PROCESS_INGEST");
        assertGrafanaProvisioned(f);
        assertThat(Repo.read(Repo.DOCKER.resolve("prometheus/prometheus.yml"))).contains("analytics:8080")
                .contains("/q/metrics");
    }

    @Test
    void theScaleOutRunsAnEmqxClusterAndBridgedIngestReplicasWithAnalyticsWithoutIngest() {
        ComposeFile f = ComposeFile.load(Repo.COMPOSE_SCALE);
        List<String> brokers = f.services().keySet().stream().filter(s -> s.startsWith("emqx")).toList();
        assertThat(brokers).hasSizeGreaterThanOrEqualTo(2);
        Set<String> nodeNames = new HashSet<>();
        for (String b : brokers) {
            Map<String, String> env = ComposeFile.environment(f.service(b));
            nodeNames.add(env.get("EMQX_NODE__NAME"));
            assertThat(env.get("EMQX_CLUSTER__DISCOVERY_STRATEGY")).isEqualTo("static");
        }
        for (String b : brokers) {
            String seeds = ComposeFile.environment(f.service(b)).get("EMQX_CLUSTER__STATIC__SEEDS");
            nodeNames.forEach(n -> assertThat(seeds).as("seeds of %s", b).contains(n));
        }
        Map<String, String> analytics = ComposeFile.environment(f.service("analytics"));
        assertThat(analytics).containsEntry("JIENENG_IN_PROCESS_INGEST", "false")
                .containsEntry("JIENENG_STORE", "influxdb");
        JsonNode ingest = f.service("ingest");
        assertThat(ingest.path("deploy").path("replicas").asText()).isNotBlank();
        Map<String, String> env = ComposeFile.environment(ingest);
        assertThat(env).containsEntry("JIENENG_BRIDGE_ONLY", "true").containsEntry("JIENENG_STORE", "influxdb")
                .containsKey("JIENENG_BRIDGE_GROUP");
        // The bridge's broker name resolves to the cluster: every EMQX node carries it as a network alias.
        String brokerHost = env.get("JIENENG_BRIDGE_URL").replaceFirst("^tcp://", "").replaceFirst(":\\d+$", "");
        for (String b : brokers) {
            assertThat(ComposeFile.texts(f.service(b).path("networks").path("default").path("aliases")))
                    .as("aliases of %s", b).contains(brokerHost);
        }
        // Prometheus scrapes every replica on the port the replicas serve /metrics on.
        assertThat(Repo.read(Repo.DOCKER.resolve("prometheus/prometheus-scale.yml")))
                .contains("port: " + env.get("JIENENG_INGEST_METRICS_PORT")).contains("names: [\"ingest\"]");
        // EMQX authenticates the bridge user, which only the shared group may use (emqx/acl.conf, mounted where
        // emqx.conf's file source reads it).
        assertThat(Repo.read(Repo.DOCKER.resolve("emqx/emqx.conf"))).contains("device_credentials")
                .contains("'" + env.get("JIENENG_BRIDGE_USER") + "'").contains("path = \"/opt/emqx/etc/acl.conf\"");
        assertThat(Repo.read(Repo.DOCKER.resolve("emqx/acl.conf")))
                .contains("{username, \"" + env.get("JIENENG_BRIDGE_USER") + "\"}")
                .contains("$share/" + env.get("JIENENG_BRIDGE_GROUP") + "/meters/+/readings");
        // The registry password goes to the PostgreSQL source, whose 1-based position follows the file source.
        String conf = Repo.read(Repo.DOCKER.resolve("emqx/emqx.conf"));
        String sources = conf.substring(conf.indexOf("sources = ["));
        int position = sources.substring(0, sources.indexOf("type = postgresql")).split("type = ", -1).length;
        for (String b : brokers) {
            assertThat(ComposeFile.texts(f.service(b).path("volumes"))).as("volumes of %s", b)
                    .contains("./emqx/acl.conf:/opt/emqx/etc/acl.conf:ro");
            assertThat(ComposeFile.environment(f.service(b))).as("environment of %s", b)
                    .containsKey("EMQX_AUTHORIZATION__SOURCES__" + position + "__PASSWORD");
        }
        assertGrafanaProvisioned(f);
    }

    /**
     * Grafana gets the provisioning where docker/grafana/start.sh reads it (not Grafana's own path: the script
     * stages organisation 1's files first and the operators' after creating their organisation), each dashboard
     * set where its provider looks, the Infinity plugin, and every viewer lands in organisation 1.
     */
    private static void assertGrafanaProvisioned(ComposeFile f) {
        JsonNode grafana = f.service("grafana");
        List<String> volumes = ComposeFile.texts(grafana.path("volumes"));
        assertThat(volumes).contains("../dashboards/provisioning:/etc/jieneng/provisioning:ro")
                .contains("./grafana/start.sh:/usr/local/bin/jieneng-grafana-start.sh:ro")
                .noneMatch(v -> v.contains(":/etc/grafana/provisioning"));
        assertThat(ComposeFile.texts(grafana.path("entrypoint"))).containsExactly("/bin/sh",
                "/usr/local/bin/jieneng-grafana-start.sh");
        assertThat(Repo.read(Repo.DOCKER.resolve("grafana/start.sh")))
                .contains("${GRAFANA_PROVISIONING_SOURCE:-/etc/jieneng/provisioning}");
        for (String[] set : List.of(new String[] {"json", "operators.yaml"},
                new String[] {"api", "institutions.yaml"})) {
            String mount = volumes.stream().filter(v -> v.startsWith("../dashboards/" + set[0] + ":")).findFirst()
                    .orElseThrow();
            // Mounted where the set's dashboard provider looks.
            assertThat(Repo.read(Repo.ROOT.resolve("dashboards/provisioning/dashboards/" + set[1])))
                    .contains("path: " + mount.split(":")[1]);
        }
        Map<String, String> env = ComposeFile.environment(grafana);
        assertThat(env).containsEntry("GRAFANA_INFLUX_URL", "http://influxdb:8086")
                .containsEntry("GRAFANA_PROMETHEUS_URL", "http://prometheus:9090")
                .containsEntry("GRAFANA_JIENENG_API_URL", "http://analytics:8080")
                .containsEntry("GF_INSTALL_PLUGINS", "yesoreyeram-infinity-datasource")
                .containsEntry("GF_USERS_AUTO_ASSIGN_ORG_ID", "1")
                .containsEntry("GF_USERS_AUTO_ASSIGN_ORG_ROLE", "Viewer");
    }

    /** Services built from a Dockerfile whose final stage has a HEALTHCHECK. */
    static Set<String> imagesWithHealthcheck(ComposeFile f) {
        Set<String> out = new HashSet<>();
        f.services().forEach((name, s) -> {
            Path dockerfile = f.dockerfile(s);
            if (dockerfile != null && Files.exists(dockerfile)
                    && Dockerfile.parse(dockerfile).finalStage().stream().anyMatch(i -> i.keyword().equals("HEALTHCHECK"))) {
                out.add(name);
            }
        });
        return out;
    }

    private static boolean run(List<String> command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
