package io.jieneng.devices.sim.fault;

import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads fault commands line by line ({@code fault reset m1}, {@code fault outage m1 30m}, {@code fault clear m1})
 * while the simulator runs, for an operator demonstrating the platform. Blank lines and lines starting with
 * {@code #} are ignored; a bad line is logged and skipped, never fatal. Ends at the end of the input.
 */
public final class ControlConsole implements Runnable {

    private static final Logger LOG = Logger.getLogger(ControlConsole.class);

    private final InputStream in;
    private final Faults faults;

    public ControlConsole(InputStream in, Faults faults) {
        this.in = in;
        this.faults = faults;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            LOG.info("control console: type 'fault KIND METER [ARG]' (reset, outage 30m, skew +600s, duplicates,"
                    + " garbage 10, clear)");
            for (String line; (line = reader.readLine()) != null; ) {
                accept(line);
            }
            LOG.info("control console: end of input, no more commands");
        } catch (IOException e) {
            LOG.warnf(e, "control console stopped reading");
        }
    }

    /** Handles one line; true when it injected a fault. */
    public boolean accept(String line) {
        String text = line.trim();
        if (text.isEmpty() || text.startsWith("#")) {
            return false;
        }
        try {
            faults.inject(Fault.parseCommand(text));
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warnf("control console: ignored '%s': %s", text, e.getMessage());
            return false;
        }
    }
}
