package io.jieneng.dashboards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed JSON is exactly what the builder code generates, so nobody edits one without the other. With
 * {@code -Ddashboards.regenerate=true} the test writes the files instead (then commit them).
 */
class GeneratedDashboardsTest {

    @Test
    void theCommittedDashboardsAreTheGeneratedOnes() throws IOException {
        Map<String, String> generated = Dashboards.files();
        if (Boolean.getBoolean("dashboards.regenerate")) {
            Dashboards.write(Path.of(""));
        }
        TreeSet<String> committedFiles = new TreeSet<>();
        for (Path dir : List.of(DashboardFiles.JSON_DIR, DashboardFiles.API_DIR)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> committedFiles.add(dir + "/" + p.getFileName()));
            }
        }
        assertThat(committedFiles).as("files under dashboards/json and dashboards/api").isEqualTo(generated.keySet());
        for (var e : generated.entrySet()) {
            String committed = Files.readString(Path.of(e.getKey()), StandardCharsets.UTF_8);
            assertThat(committed).as("dashboards/%s differs from the generated dashboard: run "
                    + "mvn -pl dashboards test -Ddashboards.regenerate=true and commit the result", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }
}
