package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jieneng.devices.registry.ImportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The three small tools of the benchmarks under {@code bench/} that {@code ./jieneng loadgen} runs when its first
 * option names one of them ({@link LoadGenMain}). Each is a picocli command of its own, so each refuses the options
 * of the others.
 */
final class LoadGenTools {

    private LoadGenTools() {
    }

    /** {@code --make-registry N --out FILE}: a bench registry document ({@link BenchRegistry}). */
    @Command(name = "./jieneng loadgen --make-registry", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Writes a bench registry: N electricity main meters with (predictable) secrets,"
                    + " " + BenchRegistry.METERS_PER_INSTITUTION + " per institution.")
    static final class MakeRegistry implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--make-registry", paramLabel = "N", required = true, description = "meters")
        int meters;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "the registry document")
        Path out;

        @Override
        public Integer call() {
            BenchRegistry.write(meters, out);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote a bench registry with %d meters in %d"
                            + " institutions to %s%n", meters, (meters - 1) / BenchRegistry.METERS_PER_INSTITUTION + 1,
                    out);
            return 0;
        }
    }

    /** {@code --import-registry FILE}: imports into a standalone ingest's registry database ({@link RegistryImport}). */
    @Command(name = "./jieneng loadgen --import-registry", mixinStandardHelpOptions = true,
            description = {"Imports a registry document into the registry database a standalone ingest reads",
                "(JIENENG_DB_URL, or the H2 file in JIENENG_DATA_DIR), hashing secrets at JIENENG_BCRYPT_COST."})
    static final class ImportRegistry implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--import-registry", paramLabel = "FILE", required = true,
                description = "the registry document")
        Path file;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            ImportResult result = RegistryImport.run(file, System::getenv);
            spec.commandLine().getOut().printf(Locale.ROOT, "imported %s in %.1f s: %s%n", file,
                    (System.nanoTime() - t0) / 1e9, result.sections());
            return 0;
        }
    }

    /** {@code --influx-write URL ...}: InfluxDB's raw batched write rate ({@link InfluxRawWrite}). */
    @Command(name = "./jieneng loadgen --influx-write", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Measures InfluxDB's raw batched line-protocol write rate, without ingest.")
    static final class InfluxWrite implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--influx-write", paramLabel = "URL", required = true,
                description = "InfluxDB's http:// or https:// URL")
        String url;

        @Option(names = "--db", paramLabel = "NAME", description = "database (default ${DEFAULT-VALUE})")
        String database = "raw";

        @Option(names = "--threads", paramLabel = "N", description = "writers (default ${DEFAULT-VALUE})")
        int threads = 4;

        @Option(names = "--batch", paramLabel = "N", description = "points per request (default ${DEFAULT-VALUE})")
        int batch = 5000;

        @Option(names = "--meters", paramLabel = "N", description = "series written (default ${DEFAULT-VALUE})")
        int meters = 1000;

        @Option(names = "--duration", paramLabel = "SECONDS", description = "measured window (default 30)")
        double duration = 30;

        @Option(names = "--warmup", paramLabel = "SECONDS", description = "writes before it, not counted (default 5)")
        double warmup = 5;

        @Option(names = "--target-pid", paramLabel = "PID", description = "sample influxd's CPU and RSS from /proc")
        long targetPid = 0;

        @Option(names = "--out", paramLabel = "FILE.json", description = "write the report as JSON")
        Path out;

        @Override
        public Integer call() throws InterruptedException, IOException {
            if (!(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException("--influx-write needs an http:// or https:// URL, not '" + url
                        + "'");
            }
            InfluxRawWrite.Options o = new InfluxRawWrite.Options(URI.create(url), database, threads, batch, meters,
                    duration, warmup, targetPid);
            InfluxRawWrite.Report r = new InfluxRawWrite(o).run();
            if (out != null) {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(out.toFile(), r);
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.printf(Locale.ROOT, "InfluxDB raw write: %,.0f points/s over %.1f s (%d threads, %d-point"
                            + " batches; batch p50 %.1f ms, p99 %.1f ms); failed requests %d; client CPU %.1f %%%s%n",
                    r.pointsPerSecond(), r.measuredSeconds(), o.threads(), o.batch(), r.batchLatencyMs().p50Ms(),
                    r.batchLatencyMs().p99Ms(), r.failedRequests(), r.clientCpuPercent(),
                    r.target() == null ? "" : String.format(Locale.ROOT, "; influxd CPU %.1f %%, max RSS %.1f MiB",
                            r.target().cpuPercent(), r.target().maxRssMiB()));
            stdout.flush();
            return r.points() > 0 ? 0 : 1;
        }
    }
}
