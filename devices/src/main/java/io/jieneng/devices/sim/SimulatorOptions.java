package io.jieneng.devices.sim;

import io.jieneng.devices.sim.fault.Fault;
import io.jieneng.devices.sim.payload.PayloadChunker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of a {@link Simulator} run.
 *
 * @param registry            the registry document file, or {@code null} for the bundled demo
 * @param host                MQTT broker host
 * @param port                MQTT broker port
 * @param backfillDays        days of history to send before live mode (0 for none)
 * @param liveIntervalSeconds wall-clock seconds between live readings of a meter
 * @param speed               how many simulated seconds pass per wall-clock second in live mode; above 1, live
 *                            timestamps run ahead of the wall clock, and an ingest refuses readings more than
 *                            5 minutes in the future
 * @param live                whether to continue in live mode after the backfill
 * @param seed                seed of the profiles' noise; the same seed gives the same readings
 * @param readingsPerMessage  readings per backfill message (at most 10,000)
 * @param maxInFlight         unacknowledged messages allowed per connection
 * @param calendar            holiday file in the format of {@code JIENENG_CALENDAR_FILE}, or {@code null} for the
 *                            bundled one
 * @param faults              faults injected into live readings from the start (docs/SIMULATORS.md)
 * @param controlStdin        whether fault commands are read line by line from standard input while running
 */
public record SimulatorOptions(Path registry, String host, int port, int backfillDays, int liveIntervalSeconds,
                               double speed, boolean live, long seed, int readingsPerMessage, int maxInFlight,
                               Path calendar, List<Fault> faults, boolean controlStdin) {

    public static final String USAGE = String.join("\n",
            "Usage: SimulatorMain [options]",
            "  --registry FILE               registry document (default: the bundled Jiangsu demo)",
            "  --host HOST                   MQTT broker host (default 127.0.0.1)",
            "  --port PORT                   MQTT broker port (default 1883)",
            "  --backfill-days N             days of history to send first (default 30)",
            "  --live-interval-seconds S     seconds between live readings (default 10)",
            "  --speed X                     simulated seconds per second in live mode (default 1.0)",
            "  --no-live                     send the backfill, then exit",
            "  --seed N                      seed of the profiles (default 1)",
            "  --readings-per-message N      readings per backfill message (default 500, at most 10000)",
            "  --max-in-flight N             unacknowledged messages per connection (default 10)",
            "  --calendar FILE               holiday file, format of JIENENG_CALENDAR_FILE (default: bundled)",
            "  --fault KIND:METER[:ARG]      inject a fault into live readings; repeatable. KIND: reset,",
            "                                outage (ARG duration, e.g. 30m), skew (ARG e.g. +600s),",
            "                                duplicates, garbage (ARG n: every n-th message, default 10), clear",
            "  --control stdin               read commands 'fault KIND METER [ARG]' from standard input",
            "  --help                        show this help");

    public SimulatorOptions {
        require(port >= 1 && port <= 65_535, "--port must be in [1, 65535]");
        require(backfillDays >= 0, "--backfill-days must not be negative");
        require(liveIntervalSeconds >= 1, "--live-interval-seconds must be at least 1");
        require(Double.isFinite(speed) && speed > 0, "--speed must be a positive number");
        require(readingsPerMessage >= 1 && readingsPerMessage <= PayloadChunker.MAX_READINGS,
                "--readings-per-message must be in [1, 10000]");
        require(maxInFlight >= 1 && maxInFlight <= 65_535, "--max-in-flight must be in [1, 65535]");
        require(host != null && !host.isBlank(), "--host must not be empty");
        faults = faults == null ? List.of() : List.copyOf(faults);
        require(faults.isEmpty() || live, "--fault needs live mode (it is applied to live readings), not --no-live");
        require(!controlStdin || live, "--control stdin needs live mode, not --no-live");
    }

    public static SimulatorOptions defaults() {
        return new Builder().build();
    }

    /** The broker URI for Paho. */
    public String serverUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "tcp://" + h + ":" + port;
    }

    /**
     * Parses command-line arguments ({@code --name value} or {@code --name=value}).
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    public static SimulatorOptions parse(String... args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("--no-live")) {
                require(value == null, "--no-live takes no value");
                b.live = false;
                continue;
            }
            if (value == null) {
                require(i + 1 < args.length, name + " needs a value");
                value = args[++i];
            }
            b.set(name, value);
        }
        return b.build();
    }

    public SimulatorOptions withLive(boolean live) {
        Builder b = toBuilder();
        b.live = live;
        return b.build();
    }

    public SimulatorOptions withBroker(String host, int port) {
        Builder b = toBuilder();
        b.host = host;
        b.port = port;
        return b.build();
    }

    public SimulatorOptions withBackfillDays(int days) {
        Builder b = toBuilder();
        b.backfillDays = days;
        return b.build();
    }

    public SimulatorOptions withLiveIntervalSeconds(int seconds) {
        Builder b = toBuilder();
        b.liveIntervalSeconds = seconds;
        return b.build();
    }

    /** These options with {@code faults} injected from the start of live mode. */
    public SimulatorOptions withFaults(List<Fault> faults) {
        Builder b = toBuilder();
        b.faults = new ArrayList<>(faults);
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.registry = registry;
        b.host = host;
        b.port = port;
        b.backfillDays = backfillDays;
        b.liveIntervalSeconds = liveIntervalSeconds;
        b.speed = speed;
        b.live = live;
        b.seed = seed;
        b.readingsPerMessage = readingsPerMessage;
        b.maxInFlight = maxInFlight;
        b.calendar = calendar;
        b.faults = new ArrayList<>(faults);
        b.controlStdin = controlStdin;
        return b;
    }

    /** Mutable only while parsing; holds the defaults. */
    private static final class Builder {
        Path registry;
        String host = "127.0.0.1";
        int port = 1883;
        int backfillDays = 30;
        int liveIntervalSeconds = 10;
        double speed = 1.0;
        boolean live = true;
        long seed = 1L;
        int readingsPerMessage = PayloadChunker.DEFAULT_READINGS_PER_MESSAGE;
        int maxInFlight = 10;
        Path calendar;
        List<Fault> faults = new ArrayList<>();
        boolean controlStdin;

        void set(String name, String v) {
            switch (name) {
                case "--registry" -> registry = Path.of(v);
                case "--host" -> host = v;
                case "--port" -> port = integer(name, v);
                case "--backfill-days" -> backfillDays = integer(name, v);
                case "--live-interval-seconds" -> liveIntervalSeconds = integer(name, v);
                case "--speed" -> speed = number(name, v);
                case "--seed" -> seed = longInteger(name, v);
                case "--readings-per-message" -> readingsPerMessage = integer(name, v);
                case "--max-in-flight" -> maxInFlight = integer(name, v);
                case "--calendar" -> calendar = Path.of(v);
                case "--fault" -> faults.add(Fault.parse(v));
                case "--control" -> {
                    require("stdin".equals(v.trim()), "--control takes 'stdin', not '" + v + "'");
                    controlStdin = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }

        SimulatorOptions build() {
            return new SimulatorOptions(registry, host, port, backfillDays, liveIntervalSeconds, speed, live, seed,
                    readingsPerMessage, maxInFlight, calendar, faults, controlStdin);
        }
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + v + "'");
        }
    }

    private static long longInteger(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + v + "'");
        }
    }

    private static double number(String name, String v) {
        try {
            return Double.parseDouble(v.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, not '" + v + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
