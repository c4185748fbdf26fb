package io.jieneng.devices.loadgen;

import io.jieneng.devices.cli.CommandLines;

/**
 * Entry point of {@code ./jieneng loadgen}: the MQTT load generator ({@link LoadGenCommand}), or one of the bench
 * tools of {@link LoadGenTools} when the first option names it ({@code --make-registry}, {@code --import-registry},
 * {@code --influx-write}). Keeping the tools behind an option rather than a subcommand keeps the command lines the
 * benchmark scripts have always used. A command-line tool: it prints its summary on standard output and logs
 * progress. Exit status 0; 1 when the run established no connection or completed no message; 2 for bad arguments.
 */
public final class LoadGenMain {

    private LoadGenMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(command(args), args));
    }

    /** The command that {@code args} asks for, chosen by the name of the first option. */
    static Object command(String... args) {
        String first = args.length == 0 ? "" : args[0].split("=", 2)[0];
        return switch (first) {
            case "--make-registry" -> new LoadGenTools.MakeRegistry();
            case "--import-registry" -> new LoadGenTools.ImportRegistry();
            case "--influx-write" -> new LoadGenTools.InfluxWrite();
            case "--reconnect-storm" -> new ReconnectStorm();
            default -> new LoadGenCommand();
        };
    }
}
