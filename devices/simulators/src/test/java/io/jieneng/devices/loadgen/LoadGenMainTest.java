package io.jieneng.devices.loadgen;

import io.jieneng.devices.cli.CommandLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ./jieneng loadgen} prints and returns, for help, mistakes and the bench tools it dispatches to. */
class LoadGenMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CommandLines.of(LoadGenMain.command(args));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsEveryOptionAndTheToolsAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./jieneng loadgen")
                .contains("--connections=N", "--source-addresses=LIST", "--ts-backlog-seconds=S", "--drain=SECONDS",
                        "--make-registry N --out FILE", "--import-registry FILE", "--influx-write URL",
                        "--reconnect-storm --registry FILE")
                .contains("(default 1883)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionIsOneLineWithASuggestionAndExitStatusTwo() {
        assertThat(run("--conections", "5")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "./jieneng loadgen: Unknown options: '--conections', '5'",
                "Possible solutions: --connections",
                "See './jieneng loadgen --help'.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aValueRefusedAfterParsingIsReportedLikeAParsingMistake() {
        assertThat(run("--qos", "3")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("./jieneng loadgen: --qos must be 0, 1 or 2",
                "See './jieneng loadgen --help'.");
    }

    @Test
    void theBenchToolsAreChosenByTheFirstOptionAndRefuseTheOthersOptions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.json");
        assertThat(run("--make-registry", "25", "--out", file.toString())).isZero();
        assertThat(out.toString()).contains("wrote a bench registry with 25 meters in 3 institutions");
        assertThat(Files.readString(file)).contains(BenchRegistry.meterId(24));

        assertThat(run("--make-registry=5", "--out", file.toString(), "--connections", "5")).isEqualTo(2);
        assertThat(err.toString()).startsWith("./jieneng loadgen --make-registry: Unknown options: '--connections'");
    }

    @Test
    void theReconnectStormNeedsARegistryAndRefusesTheLoadGeneratorsOptions() {
        assertThat(LoadGenMain.command("--reconnect-storm")).isInstanceOf(ReconnectStorm.class);
        assertThat(run("--reconnect-storm")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValue(
                "./jieneng loadgen --reconnect-storm: Missing required option: '--registry=FILE'");
        assertThat(run("--reconnect-storm", "--registry", "r.json", "--qos", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--qos'");
    }

    @Test
    void aBenchToolReportsAMissingRequiredOption() {
        assertThat(run("--make-registry", "5")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValue(
                "./jieneng loadgen --make-registry: Missing required option: '--out=FILE'");
    }

    @Test
    void theInfluxWriterNeedsAnHttpUrl() {
        assertThat(run("--influx-write", "influx:8086")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValue(
                "./jieneng loadgen --influx-write: --influx-write needs an http:// or https:// URL, not 'influx:8086'");
    }

    @Test
    void anInvalidRegistryFileIsRefusedWithItsProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"regions\": 5}");
        assertThat(run("--import-registry", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("./jieneng loadgen --import-registry: the registry document was"
                + " refused:\n  ");
    }
}
