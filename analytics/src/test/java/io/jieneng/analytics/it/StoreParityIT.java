package io.jieneng.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * QuestDB and InfluxDB give identical answers: {@link YearDatasetQuestDbIT} and {@link YearDatasetInfluxDbIT}
 * write every endpoint's response to {@code target/store-parity/<store>/}, and this test compares them body by
 * body. It is a plain JUnit class, so Quarkus' class orderer runs it after every {@code @QuarkusTest} class of
 * the run; it fails (never skips) when either store's responses are missing or come from an earlier run.
 */
class StoreParityIT {

    static final Path ROOT = Path.of("target", "store-parity");
    private static final String RUN_FILE = "run.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** This JVM: the scenario classes and this test run in the same failsafe JVM. */
    static String runId() {
        return ManagementFactory.getRuntimeMXBean().getPid() + "@" + ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Removes what an earlier run of {@code store} left, and marks the directory as this run's. */
    static void clear(String store) {
        Path dir = ROOT.resolve(store);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps one response body of {@code store}; the run file is written last, by {@link #complete}. */
    static void record(String store, String name, String body) {
        try {
            Files.writeString(ROOT.resolve(store).resolve(name + ".json"), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks {@code store}'s responses of this run as complete. */
    static void complete(String store) {
        try {
            Files.writeString(ROOT.resolve(store).resolve(RUN_FILE), runId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyEndpointAnswersTheSameOnQuestDbAndInfluxDb() throws IOException {
        Path quest = ROOT.resolve("questdb");
        Path influx = ROOT.resolve("influxdb");
        for (Path dir : List.of(quest, influx)) {
            Path run = dir.resolve(RUN_FILE);
            if (!Files.exists(run) || !Files.readString(run).equals(runId())) {
                fail("no complete responses of this run in " + dir + ": run YearDatasetQuestDbIT and "
                        + "YearDatasetInfluxDbIT in the same mvn verify as this test");
            }
        }
        List<String> questNames = names(quest);
        assertThat(names(influx)).as("the same responses on both stores").isEqualTo(questNames);
        assertThat(questNames).contains("consumption-hour-2022.json", "carbon-2022.json", "pue-2022.json",
                "pv-2022.json");
        for (String name : questNames) {
            JsonNode a = JSON.readTree(quest.resolve(name).toFile());
            JsonNode b = JSON.readTree(influx.resolve(name).toFile());
            if (!a.equals(b)) {
                fail(name + " differs between QuestDB and InfluxDB at " + firstDifference(a, b, "$"));
            }
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    /** The JSON path of the first difference, with both values, so a failure says where to look. */
    private static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null) {
                    return path + "." + e.getKey() + " (missing on InfluxDB)";
                }
                if (!e.getValue().equals(other)) {
                    return firstDifference(e.getValue(), other, path + "." + e.getKey());
                }
            }
            return path + " (extra fields on InfluxDB)";
        }
        if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                }
            }
            return path + " (" + a.size() + " vs " + b.size() + " elements)";
        }
        return path + ": " + a + " on QuestDB, " + b + " on InfluxDB";
    }
}
