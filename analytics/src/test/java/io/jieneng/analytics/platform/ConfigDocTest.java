package io.jieneng.analytics.platform;

import io.jieneng.ingest.config.ConfigKeys;
import io.smallrye.config.ConfigMapping;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/CONFIG.md against the configuration mappings: one row per key, with the mapping's property name and
 * default, and no row for a key nothing declares. The README keeps only a short table, whose keys must exist too.
 */
class ConfigDocTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A row of a table in docs/CONFIG.md. */
    record Row(String env, String property, String type, String defaultCell, String meaning) {
    }

    static Map<String, Row> documented(Path file) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("| `JIENENG_")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
            assertThat(cells).as("columns of %s", line).hasSize(5);
            Row row = new Row(unquote(cells[0]), unquote(cells[1]), cells[2].trim(), cells[3].trim(),
                    cells[4].trim());
            assertThat(rows.put(row.env(), row)).as("%s is listed twice", row.env()).isNull();
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.trim().replaceAll("^`|`$", "");
    }

    /** What is wrong with the rows of {@code doc} for the keys of the mappings. */
    static List<String> keyProblems(Path doc) throws IOException {
        Map<String, Row> rows = documented(doc);
        List<String> problems = new ArrayList<>();
        for (ConfigKeys.Key key : ConfigMappings.keys()) {
            Row row = rows.get(key.env());
            if (row == null) {
                problems.add(key.env() + " (" + key.property() + ") is missing from docs/CONFIG.md");
                continue;
            }
            if (!row.property().equals(key.property())) {
                problems.add(key.env() + ": docs/CONFIG.md says property " + row.property() + ", the mapping "
                        + key.property());
            }
            Optional<String> fallback = key.defaultValue();
            if (fallback.isPresent() && !row.defaultCell().equals("`" + fallback.get() + "`")) {
                problems.add(key.env() + ": docs/CONFIG.md says default " + row.defaultCell() + ", the mapping `"
                        + fallback.get() + "`");
            }
            if (fallback.isEmpty() && row.defaultCell().matches("`[^`]*`")) {
                problems.add(key.env() + ": docs/CONFIG.md gives a default value the mapping does not have");
            }
            if (row.type().isEmpty() || row.meaning().isEmpty()) {
                problems.add(key.env() + ": the type or the meaning is empty");
            }
        }
        return problems;
    }

    /** Rows of {@code doc} that no mapping declares and no application.properties line or launcher reads. */
    static List<String> unknownRows(Path doc) throws IOException {
        TreeSet<String> mapped = new TreeSet<>();
        ConfigMappings.keys().forEach(k -> mapped.add(k.env()));
        String properties = Files.readString(ROOT.resolve("analytics/src/main/resources/application.properties"));
        String launcher = Files.readString(ROOT.resolve("jieneng"));
        List<String> problems = new ArrayList<>();
        for (Row row : documented(doc).values()) {
            if (mapped.contains(row.env())) {
                continue;
            }
            // Outside the mappings: a Quarkus property set from the variable, or the launcher's own.
            boolean quarkus = properties.contains(row.property() + "=${" + row.env() + ":");
            boolean byLauncher = row.property().equals("launcher") && launcher.contains(row.env());
            if (!quarkus && !byLauncher) {
                problems.add(row.env() + " is listed in docs/CONFIG.md but no mapping, application.properties "
                        + "line or launcher reads it");
            }
        }
        return problems;
    }

    @Test
    void everyMappedKeyHasOneRowWithItsPropertyAndDefault() throws IOException {
        assertThat(keyProblems(ROOT.resolve("docs/CONFIG.md"))).isEmpty();
    }

    @Test
    void everyDocumentedKeyIsReadByAMappingOrNamedWhereItIsRead() throws IOException {
        assertThat(unknownRows(ROOT.resolve("docs/CONFIG.md"))).isEmpty();
    }

    @Test
    void theReadmeTableIsAShortExtractOfTheSameKeys() throws IOException {
        Map<String, Row> all = documented(ROOT.resolve("docs/CONFIG.md"));
        List<String> readme = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("| `JIENENG_")) {
                readme.add(unquote(line.split("\\|")[1]));
            }
        }
        assertThat(readme).hasSizeBetween(5, 12);
        assertThat(all.keySet()).containsAll(readme);
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("docs/CONFIG.md");
    }

    @Test
    void theListOfMappingsHoldsEveryConfigMappingOfTheCode() throws IOException {
        Path classes = Path.of("target/classes");
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (type.isAnnotationPresent(ConfigMapping.class)) {
                        found.add(type.getName());
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // Classes that cannot be loaded outside Quarkus hold no mapping.
                }
            }
        }
        TreeSet<String> listed = new TreeSet<>();
        ConfigMappings.ALL.forEach(c -> listed.add(c.getName()));
        assertThat(found).isNotEmpty().isEqualTo(listed);
    }

    @Test
    void aMissingRowAWrongDefaultOrAnUnknownRowIsReported() throws IOException {
        // The checks are not vacuous: a table without one key, with another's default changed and with an
        // invented key fails each of them.
        Path doc = Files.createTempFile("config", ".md");
        try {
            String text = Files.readString(ROOT.resolve("docs/CONFIG.md"))
                    .replaceAll("(?m)^\\| `JIENENG_MQTT_PORT` .*\\R", "")
                    .replace("| integer 4–31 | `10` |", "| integer 4–31 | `12` |")
                    + "| `JIENENG_MQTT_PROT` | `jieneng.mqtt.prot` | integer | `1` | a typo |\n";
            Files.writeString(doc, text);
            assertThat(keyProblems(doc)).containsExactlyInAnyOrder(
                    "JIENENG_MQTT_PORT (jieneng.mqtt.port) is missing from docs/CONFIG.md",
                    "JIENENG_BCRYPT_COST: docs/CONFIG.md says default `12`, the mapping `10`");
            assertThat(unknownRows(doc)).containsExactly("JIENENG_MQTT_PROT is listed in docs/CONFIG.md but no "
                    + "mapping, application.properties line or launcher reads it");
        } finally {
            Files.delete(doc);
        }
    }
}
