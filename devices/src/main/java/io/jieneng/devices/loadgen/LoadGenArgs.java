package io.jieneng.devices.loadgen;

import java.nio.file.Path;
import java.util.Locale;

/** The command line of {@code ./jieneng loadgen}: {@code --name value} or {@code --name=value}. */
public final class LoadGenArgs {

    public static final String USAGE = String.join("\n",
            "Usage: ./jieneng loadgen [options]",
            "  --host HOST                  MQTT server (default 127.0.0.1)",
            "  --port PORT                  MQTT port (default 1883)",
            "  --connections N              connections, one simulated meter each (default 100)",
            "  --source-addresses LIST      local addresses to spread connections over, e.g. 127.0.0.1-127.0.0.20",
            "  --rate MSGS_PER_SEC          total target message rate; 0 = as fast as acknowledgements allow",
            "                               (default 0)",
            "  --max-in-flight N            unacknowledged messages per connection (default 10)",
            "  --qos 0|1|2                  (default 1)",
            "  --readings-per-message N     readings per message, 1 sends an object, more an array (default 1)",
            "  --payload-bytes N            bytes per reading, padded with whitespace; at least "
                    + ReadingPayload.MIN_READING_BYTES + " (default 200)",
            "  --duration SECONDS           measured window (default 30)",
            "  --warmup SECONDS             load before the measured window, not counted (default 5)",
            "  --ramp CONNECTS_PER_SEC      connection opening rate (default 500)",
            "  --registry FILE              log in as the registry's electricity main meters with secrets",
            "                               (default: anonymous, generated meter ids)",
            "  --meter-offset K             connection i uses meter K+i (default 0)",
            "  --meter-prefix P             prefix of generated meter ids (default loadgen-)",
            "  --idle                       connect and only keep alive (idle-connections benchmark)",
            "  --mqtt-version 3|5           3 = MQTT 3.1.1 (default 5)",
            "  --target-pid PID             sample this process's CPU and RSS from /proc",
            "  --out FILE.json              write the report as JSON",
            "  --ready-file FILE            write the connection counts here once all connections have settled",
            "  --threads N                  event-loop threads (default min(4, cores))",
            "  --keepalive SECONDS          MQTT keepalive (default 60)",
            "  --ack-timeout SECONDS        count an acknowledgement slower than this as a timeout (default 30)",
            "  --ts-step-ms MS              ms between a meter's reading timestamps; 0 = duplicates (default 1)",
            "  --ts-backlog-seconds S       how far back a meter's timestamps start (default 3600)",
            "  --drain SECONDS              wait this long for outstanding acknowledgements at the end (default 10)",
            "  --help",
            "Bench tools:");

    private LoadGenArgs() {
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the offending option and value
     */
    public static LoadGenOptions parse(String... args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + name + "' (options start with --)");
            }
            if (name.equals("--idle")) {
                if (value != null) {
                    throw new IllegalArgumentException("--idle takes no value");
                }
                b.idle = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            b.set(name, value);
        }
        return b.build();
    }

    /** Mutable only while parsing; holds the defaults. */
    private static final class Builder {
        String host = "127.0.0.1";
        int port = 1883;
        int connections = 100;
        SourceAddresses sourceAddresses = SourceAddresses.none();
        double rate = 0;
        int maxInFlight = 10;
        int qos = 1;
        int readingsPerMessage = 1;
        int payloadBytes = 200;
        double duration = 30;
        double warmup = 5;
        double ramp = 500;
        Path registry;
        int meterOffset = 0;
        String meterPrefix = "loadgen-";
        boolean idle;
        int mqttVersion = 5;
        long targetPid = 0;
        Path out;
        Path readyFile;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        int keepAlive = 60;
        int ackTimeout = 30;
        long tsStep = 1;
        long tsBacklog = 3600;
        double drain = 10;

        void set(String name, String v) {
            switch (name) {
                case "--host" -> host = v;
                case "--port" -> port = integer(name, v);
                case "--connections" -> connections = integer(name, v);
                case "--source-addresses" -> sourceAddresses = SourceAddresses.parse(v);
                case "--rate" -> rate = number(name, v);
                case "--max-in-flight" -> maxInFlight = integer(name, v);
                case "--qos" -> qos = integer(name, v);
                case "--readings-per-message" -> readingsPerMessage = integer(name, v);
                case "--payload-bytes" -> payloadBytes = integer(name, v);
                case "--duration" -> duration = number(name, v);
                case "--warmup" -> warmup = number(name, v);
                case "--ramp" -> ramp = number(name, v);
                case "--registry" -> registry = Path.of(v);
                case "--meter-offset" -> meterOffset = integer(name, v);
                case "--meter-prefix" -> meterPrefix = v;
                case "--mqtt-version" -> mqttVersion = integer(name, v);
                case "--target-pid" -> targetPid = longInteger(name, v);
                case "--out" -> out = Path.of(v);
                case "--ready-file" -> readyFile = Path.of(v);
                case "--threads" -> threads = integer(name, v);
                case "--keepalive" -> keepAlive = integer(name, v);
                case "--ack-timeout" -> ackTimeout = integer(name, v);
                case "--ts-step-ms" -> tsStep = longInteger(name, v);
                case "--ts-backlog-seconds" -> tsBacklog = longInteger(name, v);
                case "--drain" -> drain = number(name, v);
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (./jieneng loadgen --help lists them)");
            }
        }

        LoadGenOptions build() {
            return new LoadGenOptions(host, port, connections, sourceAddresses, rate, maxInFlight, qos,
                    readingsPerMessage, payloadBytes, duration, warmup, ramp, registry, meterOffset, meterPrefix,
                    idle, mqttVersion, targetPid, out, readyFile, threads, keepAlive, ackTimeout, tsStep, tsBacklog,
                    drain);
        }
    }

    static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + v + "'");
        }
    }

    static long longInteger(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + v + "'");
        }
    }

    static double number(String name, String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d) || t.contains("n") || t.contains("x")) {
                throw new NumberFormatException(t);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, not '" + v + "'");
        }
    }
}
