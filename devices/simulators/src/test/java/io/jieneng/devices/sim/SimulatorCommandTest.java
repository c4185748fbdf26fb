package io.jieneng.devices.sim;

import io.jieneng.devices.cli.CommandLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ./jieneng simulate} prints and returns for help and for mistakes, before any broker is involved. */
class SimulatorCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CommandLines.of(new SimulatorCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./jieneng simulate")
                .contains("--registry=FILE", "--host=HOST", "--port=PORT", "--backfill-days=N",
                        "--live-interval-seconds=S", "--speed=X", "--no-live", "--seed=N", "--readings-per-message=N",
                        "--max-in-flight=N", "--calendar=FILE", "--fault=KIND:METER[:ARG]", "--control=stdin")
                .contains("(default 30)", "(default 1883)", "(default 500");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aMisspelledOptionIsOneLineWithASuggestionAndExitStatusTwo() {
        assertThat(run("--backfil-days", "3")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "./jieneng simulate: Unknown options: '--backfil-days', '3'",
                "Possible solutions: --backfill-days",
                "See './jieneng simulate --help'.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadValueNamesTheOption() {
        assertThat(run("--port", "http")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst())
                .hasValue("./jieneng simulate: Invalid value for option '--port': 'http' is not an int");
    }

    @Test
    void aCombinationRefusedAfterParsingIsReportedLikeAParsingMistake() {
        assertThat(run("--fault", "reset:m1", "--no-live")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "./jieneng simulate: --fault needs live mode (it is applied to live readings), not --no-live",
                "See './jieneng simulate --help'.");
    }

    @Test
    void aMissingRegistryFileIsAUsageError(@TempDir Path dir) {
        assertThat(run("--registry", dir.resolve("absent.json").toString(), "--no-live")).isEqualTo(2);
        assertThat(err.toString()).startsWith("./jieneng simulate: ").contains("absent.json");
    }

    @Test
    void aBrokenCalendarIsAUsageError(@TempDir Path dir) throws Exception {
        Path calendar = dir.resolve("holidays.json");
        Files.writeString(calendar, "[1, 2");
        assertThat(run("--calendar", calendar.toString(), "--backfill-days", "0", "--no-live")).isEqualTo(2);
        assertThat(err.toString()).startsWith("./jieneng simulate: ").contains("holidays.json");
    }
}
