package io.jieneng.devices.sim;

import io.jieneng.devices.calendar.CalendarException;
import io.jieneng.devices.cli.CommandLines;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.sim.fault.ControlConsole;
import io.jieneng.devices.sim.fault.Fault;
import io.jieneng.devices.sim.payload.PayloadChunker;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./jieneng simulate}: the command line of the meter simulator. The fields hold the defaults; picocli sets
 * what the command line gives, and {@link #options()} checks the combination. Exit status: 0, or 1 when the broker
 * refused readings in a run without live mode, or 2 on bad arguments, registry or calendar.
 */
@Command(name = "./jieneng simulate", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpAutoWidth = true, usageHelpWidth = 100, version = "Jieneng meter simulator 0.1.0",
        description = "Simulated meters of a registry publish their readings to an MQTT endpoint: first a backfill"
                + " of history, then live readings until stopped (docs/SIMULATORS.md).")
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "registry document (default: the bundled Jiangsu demo)")
    Path registry;

    @Option(names = "--host", paramLabel = "HOST", description = "MQTT broker host (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "MQTT broker port (default ${DEFAULT-VALUE})")
    int port = 1883;

    @Option(names = "--backfill-days", paramLabel = "N",
            description = "days of history to send first (default ${DEFAULT-VALUE})")
    int backfillDays = 30;

    @Option(names = "--live-interval-seconds", paramLabel = "S",
            description = "seconds between live readings of a meter (default ${DEFAULT-VALUE})")
    int liveIntervalSeconds = 10;

    @Option(names = "--speed", paramLabel = "X",
            description = "simulated seconds per second in live mode (default ${DEFAULT-VALUE})")
    double speed = 1.0;

    @Option(names = "--no-live", description = "send the backfill, then exit")
    boolean noLive;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the profiles (default ${DEFAULT-VALUE})")
    long seed = 1L;

    @Option(names = "--readings-per-message", paramLabel = "N",
            description = "readings per backfill message (default ${DEFAULT-VALUE}, at most "
                    + PayloadChunker.MAX_READINGS + ")")
    int readingsPerMessage = PayloadChunker.DEFAULT_READINGS_PER_MESSAGE;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "unacknowledged messages per connection (default ${DEFAULT-VALUE})")
    int maxInFlight = 10;

    @Option(names = "--calendar", paramLabel = "FILE",
            description = "holiday file, format of JIENENG_CALENDAR_FILE (default: bundled)")
    Path calendar;

    @Option(names = "--fault", paramLabel = "KIND:METER[:ARG]", converter = FaultConverter.class,
            description = {"inject a fault into live readings; repeatable. KIND: reset, outage (ARG duration,"
                    + " e.g. 30m), skew (ARG e.g. +600s), duplicates, garbage (ARG n: every n-th message,"
                    + " default " + Fault.DEFAULT_GARBAGE_EVERY + "), clear"})
    List<Fault> faults = new ArrayList<>();

    @Option(names = "--control", paramLabel = "stdin",
            description = "read commands 'fault KIND METER [ARG]' from standard input")
    String control;

    /**
     * The options as given.
     *
     * @throws IllegalArgumentException naming the option whose value, or combination, is refused
     */
    public SimulatorOptions options() {
        if (control != null && !control.trim().equals("stdin")) {
            throw new IllegalArgumentException("--control takes 'stdin', not '" + control + "'");
        }
        return new SimulatorOptions(registry, host, port, backfillDays, liveIntervalSeconds, speed, !noLive, seed,
                readingsPerMessage, maxInFlight, calendar, faults, control != null);
    }

    @Override
    public Integer call() throws InterruptedException {
        SimulatorOptions options = options();
        RegistryDocument registryDocument = options.registry() == null ? RegistryDocuments.demo()
                : RegistryDocuments.parse(options.registry());
        Simulator simulator;
        try {
            simulator = new Simulator(registryDocument, options);
        } catch (CalendarException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        simulator.start();
        if (options.controlStdin()) {
            // Commands typed during the backfill are queued and take effect with the first live readings.
            Thread console = new Thread(new ControlConsole(System.in, simulator.faults()), "simulator-console");
            console.setDaemon(true);
            console.start();
        }
        BackfillSummary summary = simulator.awaitBackfill();
        spec.commandLine().getOut().println(summary.line());
        spec.commandLine().getOut().flush();
        if (options.live()) {
            simulator.awaitTermination();
            return 0;
        }
        simulator.close();
        return summary.failedReadings() > 0 ? 1 : 0;
    }

    /** {@code --fault} values, with {@link Fault#parse}'s message when one is refused. */
    static final class FaultConverter implements ITypeConverter<Fault> {
        @Override
        public Fault convert(String value) throws Exception {
            return CommandLines.converter(Fault::parse).convert(value);
        }
    }
}
