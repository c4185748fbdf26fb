package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jieneng.devices.registry.ImportResult;
import io.jieneng.devices.registry.RegistryValidationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./jieneng loadgen}: the MQTT load generator, and three small tools for the benchmarks under
 * {@code bench/}, chosen by the first option:
 * <ul>
 *   <li>{@code --make-registry N --out FILE}: a bench registry document ({@link BenchRegistry});</li>
 *   <li>{@code --import-registry FILE}: import it into a standalone ingest's registry database
 *       ({@link RegistryImport});</li>
 *   <li>{@code --influx-write URL ...}: InfluxDB's raw batched write rate ({@link InfluxRawWrite}).</li>
 * </ul>
 * A command-line tool: it prints its summary on standard output and logs progress. Exit status 0; 1 when the run
 * established no connection or completed no message; 2 for bad arguments.
 */
public final class LoadGenMain {

    private static final String TOOLS_USAGE = String.join("\n",
            "  ./jieneng loadgen --make-registry N --out FILE",
            "      a bench registry: N electricity main meters with (predictable) secrets, 10 per institution",
            "  ./jieneng loadgen --import-registry FILE",
            "      import it into the registry database a standalone ingest reads (JIENENG_DB_URL, or the H2 file",
            "      in JIENENG_DATA_DIR), hashing secrets at JIENENG_BCRYPT_COST",
            "  ./jieneng loadgen --influx-write URL [--db raw] [--threads 4] [--batch 5000] [--meters 1000]",
            "                    [--duration 30] [--warmup 5] [--target-pid PID] [--out FILE.json]",
            "      InfluxDB's raw batched line-protocol write rate");

    private LoadGenMain() {
    }

    public static void main(String[] args) throws Exception {
        String first = args.length == 0 ? "" : args[0].split("=", 2)[0];
        try {
            switch (first) {
                case "--make-registry" -> makeRegistry(args);
                case "--import-registry" -> importRegistry(args);
                case "--influx-write" -> influxWrite(args);
                default -> load(args);
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.println("see ./jieneng loadgen --help");
            System.exit(2);
        } catch (RegistryValidationException e) {
            System.err.println("loadgen: the registry document was refused:");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(2);
        }
    }

    private static void load(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(LoadGenArgs.USAGE);
            System.out.println(TOOLS_USAGE);
            return;
        }
        LoadGenOptions options = LoadGenArgs.parse(args);
        LoadReport report = new LoadGenerator(options).run();
        if (options.out() != null) {
            report.write(options.out());
        }
        System.out.print(report.summary());
        boolean failed = report.connections().established() == 0 || (!options.idle()
                && report.messagesCompleted() == 0);
        System.exit(failed ? 1 : 0);
    }

    private static void makeRegistry(String[] args) {
        ToolArgs a = ToolArgs.parse(args, Set.of("--make-registry", "--out"));
        int meters = a.integer("--make-registry", 0);
        Path out = a.path("--out");
        BenchRegistry.write(meters, out);
        System.out.printf(Locale.ROOT, "wrote a bench registry with %d meters in %d institutions to %s%n", meters,
                (meters - 1) / BenchRegistry.METERS_PER_INSTITUTION + 1, out);
    }

    private static void importRegistry(String[] args) {
        ToolArgs a = ToolArgs.parse(args, Set.of("--import-registry"));
        Path file = a.path("--import-registry");
        long t0 = System.nanoTime();
        ImportResult result = RegistryImport.run(file, System::getenv);
        System.out.printf(Locale.ROOT, "imported %s in %.1f s: %s%n", file, (System.nanoTime() - t0) / 1e9,
                result.sections());
    }

    private static void influxWrite(String[] args) throws InterruptedException, IOException {
        ToolArgs a = ToolArgs.parse(args, Set.of("--influx-write", "--db", "--threads", "--batch", "--meters",
                "--duration", "--warmup", "--target-pid", "--out"));
        InfluxRawWrite.Options o = new InfluxRawWrite.Options(a.uri("--influx-write"), a.string("--db", "raw"),
                a.integer("--threads", 4), a.integer("--batch", 5000), a.integer("--meters", 1000),
                a.number("--duration", 30), a.number("--warmup", 5), a.longInteger("--target-pid", 0));
        InfluxRawWrite.Report r = new InfluxRawWrite(o).run();
        Path out = a.optionalPath("--out");
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(out.toFile(), r);
        }
        System.out.printf(Locale.ROOT, "InfluxDB raw write: %,.0f points/s over %.1f s (%d threads, %d-point"
                        + " batches; batch p50 %.1f ms, p99 %.1f ms); failed requests %d; client CPU %.1f %%%s%n",
                r.pointsPerSecond(), r.measuredSeconds(), o.threads(), o.batch(), r.batchLatencyMs().p50Ms(),
                r.batchLatencyMs().p99Ms(), r.failedRequests(), r.clientCpuPercent(),
                r.target() == null ? "" : String.format(Locale.ROOT, "; influxd CPU %.1f %%, max RSS %.1f MiB",
                        r.target().cpuPercent(), r.target().maxRssMiB()));
        System.exit(r.points() > 0 ? 0 : 1);
    }
}
