package io.jieneng.devices.sim;

import io.jieneng.devices.calendar.CalendarException;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.registry.RegistryValidationException;
import io.jieneng.devices.sim.fault.ControlConsole;

import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Command line of the meter simulator:
 * {@code java -cp 'devices/target/jieneng-devices-*.jar:devices/target/lib/*' io.jieneng.devices.sim.SimulatorMain}.
 * Options are listed by {@code --help}. It prints its usage and the backfill summary on standard output, as a
 * command-line tool; everything else goes to the log. Exit status: 0, or 1 when the broker refused readings in a
 * run without live mode, or 2 on bad arguments or registry.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        SimulatorOptions options;
        RegistryDocument registry;
        try {
            options = SimulatorOptions.parse(args);
            registry = options.registry() == null ? RegistryDocuments.demo()
                    : RegistryDocuments.parse(options.registry());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.err.println(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        } catch (RegistryValidationException e) {
            System.err.println("the registry document was refused:");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(2);
            return;
        }
        Simulator simulator;
        try {
            simulator = new Simulator(registry, options);
        } catch (CalendarException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
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
        System.out.println(summary.line());
        if (options.live()) {
            simulator.awaitTermination();
            return;
        }
        simulator.close();
        System.exit(summary.failedReadings() > 0 ? 1 : 0);
    }
}
