package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The committed dashboard and provisioning files, as Grafana would read them. Tests run in the module directory. */
final class DashboardFiles {

    static final Path JSON_DIR = Path.of(Dashboards.OPERATOR_DIR);
    static final Path API_DIR = Path.of(Dashboards.INSTITUTION_DIR);
    static final Path DATASOURCES = Path.of("provisioning", "datasources");
    static final Path PROVIDERS = Path.of("provisioning", "dashboards");
    static final Path READER_GRANTS = Path.of("sql", "grafana-reader.sql");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One dashboard file. */
    record DashboardFile(Path path, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        List<JsonNode> panels() {
            List<JsonNode> out = new ArrayList<>();
            json.path("panels").forEach(out::add);
            return out;
        }

        List<JsonNode> variables() {
            List<JsonNode> out = new ArrayList<>();
            json.path("templating").path("list").forEach(out::add);
            return out;
        }
    }

    private DashboardFiles() {
    }

    /** The province operators' dashboards (dashboards/json). */
    static List<DashboardFile> dashboards() {
        return dashboards(JSON_DIR);
    }

    /** The institution-facing dashboards (dashboards/api). */
    static List<DashboardFile> institutionFacing() {
        return dashboards(API_DIR);
    }

    private static List<DashboardFile> dashboards(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<DashboardFile> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(new DashboardFile(p, Json.MAPPER.readTree(p.toFile())));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboards under " + dir.toAbsolutePath(), e);
        }
    }

    /** Every provisioned datasource entry, from every YAML file under provisioning/datasources. */
    static List<JsonNode> provisionedDatasources() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode file : yamlFiles(DATASOURCES)) {
            file.path("datasources").forEach(out::add);
        }
        return out;
    }

    static List<JsonNode> providers() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode file : yamlFiles(PROVIDERS)) {
            file.path("providers").forEach(out::add);
        }
        return out;
    }

    static List<JsonNode> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<JsonNode> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                out.add(YAML.readTree(p.toFile()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.toAbsolutePath(), e);
        }
    }

    /** The query text of a target: InfluxQL {@code query}, SQL {@code rawSql} or PromQL {@code expr}. */
    static String queryText(JsonNode target) {
        for (String field : List.of("query", "rawSql", "expr")) {
            if (target.hasNonNull(field)) {
                return target.get(field).asText();
            }
        }
        return "";
    }

    /** The datasource uid a target runs on: its own, else its panel's. */
    static String datasourceUid(JsonNode panel, JsonNode target) {
        JsonNode own = target.path("datasource").path("uid");
        return own.isMissingNode() || own.isNull() ? panel.path("datasource").path("uid").asText() : own.asText();
    }
}
