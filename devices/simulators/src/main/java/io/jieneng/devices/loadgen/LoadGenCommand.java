package io.jieneng.devices.loadgen;

import io.jieneng.devices.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./jieneng loadgen}: the command line of the MQTT load generator. The fields hold the defaults; picocli sets
 * what the command line gives, and {@link LoadGenOptions} checks the values. Exit status 0; 1 when the run
 * established no connection or completed no message; 2 for bad arguments.
 */
@Command(name = "./jieneng loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpAutoWidth = true, usageHelpWidth = 100, version = "Jieneng load generator 0.1.0",
        description = "MQTT load: many connections, one simulated meter each, publishing readings; reports"
                + " throughput, acknowledgement latency and errors (docs/PERFORMANCE.md).",
        footerHeading = "%nBench tools (the first option chooses the tool; each has --help):%n",
        footer = {
            "  ./jieneng loadgen --make-registry N --out FILE",
            "      a bench registry: N electricity main meters with (predictable) secrets, 10 per institution",
            "  ./jieneng loadgen --import-registry FILE",
            "      import it into the registry database a standalone ingest reads (JIENENG_DB_URL, or the H2 file",
            "      in JIENENG_DATA_DIR), hashing secrets at JIENENG_BCRYPT_COST",
            "  ./jieneng loadgen --influx-write URL [--db raw] [--threads 4] [--batch 5000] [--meters 1000]",
            "                    [--duration 30] [--warmup 5] [--target-pid PID] [--out FILE.json]",
            "      InfluxDB's raw batched line-protocol write rate",
            "  ./jieneng loadgen --reconnect-storm --registry FILE [--port 1883] [--bogus-rate 200]",
            "                    [--bogus-source 127.0.0.2] [--max-pending 1000] [--target-pid PID] [--out FILE.json]",
            "      every meter of the registry connects at once under a flood of bogus CONNECTs"})
public final class LoadGenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "MQTT server (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "MQTT port (default ${DEFAULT-VALUE})")
    int port = 1883;

    @Option(names = "--connections", paramLabel = "N",
            description = "connections, one simulated meter each (default ${DEFAULT-VALUE})")
    int connections = 100;

    @Option(names = "--source-addresses", paramLabel = "LIST", converter = SourceAddressesConverter.class,
            description = "local addresses to spread connections over, e.g. 127.0.0.1-127.0.0.20")
    SourceAddresses sourceAddresses = SourceAddresses.none();

    @Option(names = "--rate", paramLabel = "MSGS_PER_SEC",
            description = "total target message rate; 0 = as fast as acknowledgements allow (default 0)")
    double rate = 0;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "unacknowledged messages per connection (default ${DEFAULT-VALUE})")
    int maxInFlight = 10;

    @Option(names = "--qos", paramLabel = "0|1|2", description = "(default ${DEFAULT-VALUE})")
    int qos = 1;

    @Option(names = "--readings-per-message", paramLabel = "N",
            description = "readings per message, 1 sends an object, more an array (default ${DEFAULT-VALUE})")
    int readingsPerMessage = 1;

    @Option(names = "--payload-bytes", paramLabel = "N",
            description = "bytes per reading, padded with whitespace; at least those of a reading with ts and"
                    + " energyKwh (default ${DEFAULT-VALUE})")
    int payloadBytes = 200;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "measured window (default 30)")
    double duration = 30;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "load before the measured window, not counted (default 5)")
    double warmup = 5;

    @Option(names = "--ramp", paramLabel = "CONNECTS_PER_SEC", description = "connection opening rate (default 500)")
    double ramp = 500;

    @Option(names = "--registry", paramLabel = "FILE", description = "log in as the registry's electricity main"
            + " meters with secrets (default: anonymous, generated meter ids)")
    Path registry;

    @Option(names = "--meter-offset", paramLabel = "K",
            description = "connection i uses meter K+i (default ${DEFAULT-VALUE})")
    int meterOffset = 0;

    @Option(names = "--meter-prefix", paramLabel = "P",
            description = "prefix of generated meter ids (default ${DEFAULT-VALUE})")
    String meterPrefix = "loadgen-";

    @Option(names = "--idle", description = "connect and only keep alive (idle-connections benchmark)")
    boolean idle;

    @Option(names = "--mqtt-version", paramLabel = "3|5", description = "3 = MQTT 3.1.1 (default ${DEFAULT-VALUE})")
    int mqttVersion = 5;

    @Option(names = "--target-pid", paramLabel = "PID", description = "sample this process's CPU and RSS from /proc")
    long targetPid = 0;

    @Option(names = "--out", paramLabel = "FILE.json", description = "write the report as JSON")
    Path out;

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "write the connection counts here once all connections have settled")
    Path readyFile;

    @Option(names = "--threads", paramLabel = "N", description = "event-loop threads (default min(4, cores))")
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    @Option(names = "--keepalive", paramLabel = "SECONDS", description = "MQTT keepalive (default ${DEFAULT-VALUE})")
    int keepAlive = 60;

    @Option(names = "--ack-timeout", paramLabel = "SECONDS",
            description = "count an acknowledgement slower than this as a timeout (default ${DEFAULT-VALUE})")
    int ackTimeout = 30;

    @Option(names = "--ts-step-ms", paramLabel = "MS",
            description = "ms between a meter's reading timestamps; 0 = duplicates (default ${DEFAULT-VALUE})")
    long tsStep = 1;

    @Option(names = "--ts-backlog-seconds", paramLabel = "S",
            description = "how far back a meter's timestamps start (default ${DEFAULT-VALUE})")
    long tsBacklog = 3600;

    @Option(names = "--drain", paramLabel = "SECONDS",
            description = "wait this long for outstanding acknowledgements at the end (default 10)")
    double drain = 10;

    /**
     * Parses a command line as {@code ./jieneng loadgen} does.
     *
     * @throws IllegalArgumentException naming the offending option and value
     */
    public static LoadGenOptions parse(String... args) {
        return CommandLines.parse(new LoadGenCommand(), args).options();
    }

    /** @throws IllegalArgumentException naming the option whose value is refused */
    LoadGenOptions options() {
        return new LoadGenOptions(host, port, connections, sourceAddresses, rate, maxInFlight, qos,
                readingsPerMessage, payloadBytes, duration, warmup, ramp, registry, meterOffset, meterPrefix, idle,
                mqttVersion, targetPid, out, readyFile, threads, keepAlive, ackTimeout, tsStep, tsBacklog, drain);
    }

    @Override
    public Integer call() throws InterruptedException {
        LoadGenOptions options = options();
        LoadReport report = new LoadGenerator(options).run();
        if (options.out() != null) {
            report.write(options.out());
        }
        spec.commandLine().getOut().print(report.summary());
        spec.commandLine().getOut().flush();
        boolean failed = report.connections().established() == 0 || (!options.idle()
                && report.messagesCompleted() == 0);
        return failed ? 1 : 0;
    }

    /** {@code --source-addresses}, with {@link SourceAddresses#parse}'s message when refused. */
    static final class SourceAddressesConverter implements ITypeConverter<SourceAddresses> {
        @Override
        public SourceAddresses convert(String value) throws Exception {
            return CommandLines.converter(SourceAddresses::parse).convert(value);
        }
    }
}
