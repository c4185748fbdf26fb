package io.jieneng.devices.sim;

import io.jieneng.devices.cli.CommandLines;

/**
 * Entry point of the meter simulator ({@code ./jieneng simulate}; the launcher runs this class on the simulators'
 * classpath). The options are those of {@link SimulatorCommand}, listed by {@code --help}. It prints its usage and
 * the backfill summary on standard output, as a command-line tool; everything else goes to the log.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new SimulatorCommand(), args));
    }
}
