package io.jieneng.bench.tools;

import io.jieneng.devices.cli.CommandLines;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The command lines bench/consumption-query.sh and bench/soak.sh give the bench tools. */
class ToolCommandLinesTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(Object tool) {
        CommandLine cl = CommandLines.of(tool);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    @Test
    void yearLoaderReadsTheBenchmarksOptionsAndKeepsItsDefaults() {
        YearLoader loader = new YearLoader();
        commandLine(loader).parseArgs("--port", "18830", "--registry", "r.json", "--institution", "inst-1",
                "--to", "2025-03-01", "--per-message", "250", "--out", "year.json");
        assertThat(loader.port).isEqualTo(18830);
        assertThat(loader.registry).isEqualTo(Path.of("r.json"));
        assertThat(loader.institution).isEqualTo("inst-1");
        assertThat(loader.from).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(loader.to).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(loader.perMessage).isEqualTo(250);
        assertThat(loader.intervalSeconds).isEqualTo(900);
        assertThat(loader.zone).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(loader.out).isEqualTo(Path.of("year.json"));
    }

    @Test
    void yearLoaderRefusesABadDateNamingTheOption() {
        int status = commandLine(new YearLoader()).execute("--port", "1", "--registry", "r.json", "--institution",
                "i", "--out", "o.json", "--from", "2025-13-01");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).get().asString()
                .startsWith("YearLoader: Invalid value for option '--from': cannot convert '2025-13-01'");
    }

    @Test
    void queryTimerNamesTheMissingRequiredOptions() {
        int status = commandLine(new QueryTimer()).execute("--url", "http://127.0.0.1:8080/q/health");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "QueryTimer: Missing required options: '--user=U', '--password=P', '--out=FILE.json'",
                "See 'QueryTimer --help'.");
    }

    @Test
    void queryTimerReadsItsOptions() {
        QueryTimer timer = new QueryTimer();
        commandLine(timer).parseArgs("--url", "http://h:1/api", "--user", "admin", "--password", "pw",
                "--requests", "3", "--out", "t.json", "--body", "b.json");
        assertThat(timer.url).isEqualTo(URI.create("http://h:1/api"));
        assertThat(timer.requests).isEqualTo(3);
        assertThat(timer.warmup).isEqualTo(5);
        assertThat(timer.bodyFile).isEqualTo(Path.of("b.json"));
    }

    @Test
    void helpIsUsageOnStandardOutputAndSuccess() {
        assertThat(commandLine(new QueryTimer()).execute("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: QueryTimer").contains("--timeout-seconds=S");
    }
}
