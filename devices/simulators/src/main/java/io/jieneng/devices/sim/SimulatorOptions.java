package io.jieneng.devices.sim;

import io.jieneng.devices.cli.CommandLines;
import io.jieneng.devices.sim.fault.Fault;
import io.jieneng.devices.sim.payload.PayloadChunker;

import java.nio.file.Path;
import java.util.List;

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

    /** The defaults of {@code ./jieneng simulate} without options. */
    public static SimulatorOptions defaults() {
        return parse();
    }

    /** The broker URI for Paho. */
    public String serverUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "tcp://" + h + ":" + port;
    }

    /**
     * Parses command-line arguments as {@code ./jieneng simulate} does ({@link SimulatorCommand}).
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    public static SimulatorOptions parse(String... args) {
        return CommandLines.parse(new SimulatorCommand(), args).options();
    }

    public SimulatorOptions withLive(boolean live) {
        return new SimulatorOptions(registry, host, port, backfillDays, liveIntervalSeconds, speed, live, seed,
                readingsPerMessage, maxInFlight, calendar, faults, controlStdin);
    }

    public SimulatorOptions withBroker(String host, int port) {
        return new SimulatorOptions(registry, host, port, backfillDays, liveIntervalSeconds, speed, live, seed,
                readingsPerMessage, maxInFlight, calendar, faults, controlStdin);
    }

    public SimulatorOptions withBackfillDays(int days) {
        return new SimulatorOptions(registry, host, port, days, liveIntervalSeconds, speed, live, seed,
                readingsPerMessage, maxInFlight, calendar, faults, controlStdin);
    }

    public SimulatorOptions withLiveIntervalSeconds(int seconds) {
        return new SimulatorOptions(registry, host, port, backfillDays, seconds, speed, live, seed,
                readingsPerMessage, maxInFlight, calendar, faults, controlStdin);
    }

    /** These options with {@code faults} injected from the start of live mode. */
    public SimulatorOptions withFaults(List<Fault> faults) {
        return new SimulatorOptions(registry, host, port, backfillDays, liveIntervalSeconds, speed, live, seed,
                readingsPerMessage, maxInFlight, calendar, faults, controlStdin);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
