package io.jieneng.docker;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every variable the compose files set is one something reads: a JIENENG_* key must be documented in docs/CONFIG.md
 * and read by the application (or the image's entrypoint); the Jieneng images get nothing else; the third-party
 * images get only their own documented prefixes, and the GRAFANA_* and init-script variables must be used by the
 * provisioning files and scripts this repository mounts into them. A key that is set but read by nothing fails.
 */
class EnvironmentVariablesTest {

    /** The environment prefixes each third-party image documents for its own configuration. */
    private static final Map<String, List<String>> IMAGE_PREFIXES = Map.of(
            "influxdb", List.of("INFLUXDB_"),
            "postgres", List.of("POSTGRES_", "PG"),
            "grafana/grafana", List.of("GF_"),
            "emqx/emqx", List.of("EMQX_"),
            "prom/prometheus", List.of());

    @Test
    void everyVariableTheComposeFilesSetIsDocumentedAndRead() {
        Set<String> documented = Configuration.documented();
        Set<String> read = Configuration.read();
        List<String> problems = new ArrayList<>();
        for (Path p : List.of(Repo.COMPOSE, Repo.COMPOSE_SCALE)) {
            ComposeFile f = ComposeFile.load(p);
            f.services().forEach((name, service) -> problems.addAll(problems(f, name, service, documented, read)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theImagesSetOnlyDocumentedVariablesThatTheApplicationReads() {
        Set<String> documented = Configuration.documented();
        Set<String> read = Configuration.read();
        for (String image : List.of("Dockerfile.analytics", "Dockerfile.ingest")) {
            Dockerfile d = Dockerfile.parse(Repo.DOCKER.resolve(image));
            d.environment().keySet().forEach(k -> assertThat(k).as("ENV of %s", image).startsWith("JIENENG_")
                    .isIn(documented).isIn(read));
            // The entrypoint expands only documented keys.
            Configuration.expandedBy(DockerfilesTest.shellCommand(d))
                    .forEach(k -> assertThat(k).as("entrypoint of %s", image).isIn(documented));
        }
    }

    /** The check fails where it should: planted keys that nothing reads, or that are not documented. */
    @Test
    void aVariableThatNothingReadsOrNobodyDocumentedFails() {
        Set<String> documented = Configuration.documented();
        Set<String> read = Configuration.read();
        ComposeFile f = ComposeFile.parse("""
                services:
                  analytics:
                    build: {context: .., dockerfile: docker/Dockerfile.analytics}
                    environment:
                      JIENENG_STORE: influxdb
                      JIENENG_ROLUP_INTERVAL_SECONDS: "5"
                      JAVA_OPTS: -Xmx1g
                  grafana:
                    image: grafana/grafana:12.0.0
                    environment:
                      GF_SECURITY_ADMIN_PASSWORD: x
                      GRAFANA_NOT_USED: y
                      INFLUXDB_DB: jieneng
                """);
        List<String> problems = new ArrayList<>();
        f.services().forEach((name, s) -> problems.addAll(problems(f, name, s, documented, read)));
        assertThat(problems).hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("JIENENG_ROLUP_INTERVAL_SECONDS"))
                .anySatisfy(p -> assertThat(p).contains("JAVA_OPTS"))
                .anySatisfy(p -> assertThat(p).contains("GRAFANA_NOT_USED"))
                .anySatisfy(p -> assertThat(p).contains("INFLUXDB_DB"));
        // And the reading side is not vacuous: keys read only through the Quarkus mapping are found.
        assertThat(read).contains("JIENENG_ROLLUP_INTERVAL_SECONDS", "JIENENG_IN_PROCESS_INGEST",
                "JIENENG_QUESTDB_PG_PASSWORD", "JIENENG_ROLLUPS_ENABLED", "JIENENG_JAVA_OPTS");
        assertThat(documented).contains("JIENENG_QUESTDB_PG_PASSWORD", "JIENENG_MQTT_TLS_KEY", "JIENENG_BRIDGE_PASSWORD");
    }

    private static List<String> problems(ComposeFile f, String name, JsonNode service, Set<String> documented,
                                         Set<String> read) {
        List<String> out = new ArrayList<>();
        Path dockerfile = f.dockerfile(service);
        Set<String> entrypoint = dockerfile == null || !Files.exists(dockerfile) ? Set.of()
                : Configuration.expandedBy(DockerfilesTest.shellCommand(Dockerfile.parse(dockerfile)));
        String image = service.path("image").asText("").replaceFirst(":[^/]*$", "");
        for (String key : ComposeFile.environment(service).keySet()) {
            String where = f.path().getFileName() + " service " + name + ": " + key;
            if (key.startsWith("JIENENG_")) {
                if (!documented.contains(key)) {
                    out.add(where + " is not documented in docs/CONFIG.md");
                }
                if (!read.contains(key) && !entrypoint.contains(key)) {
                    out.add(where + " is read by nothing");
                }
            } else if (dockerfile != null) {
                out.add(where + ": a Jieneng image is configured only through JIENENG_* variables");
            } else if (key.startsWith("GRAFANA_") && image.equals("grafana/grafana")) {
                if (!usedUnder(Repo.ROOT.resolve("dashboards/provisioning"), key)) {
                    out.add(where + " is used by no provisioning file");
                }
            } else if (image.equals("postgres") && usedUnder(Repo.DOCKER.resolve("postgres"), key)) {
                continue;
            } else if (IMAGE_PREFIXES.getOrDefault(image, List.of()).stream().noneMatch(key::startsWith)) {
                out.add(where + " is not a variable of the image " + image);
            }
        }
        return out;
    }

    /** Whether a file under {@code dir} (a directory mounted into the container) expands {@code $key}. */
    private static boolean usedUnder(Path dir, String key) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                if (text.contains("${" + key + "}") || text.contains("$" + key)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
