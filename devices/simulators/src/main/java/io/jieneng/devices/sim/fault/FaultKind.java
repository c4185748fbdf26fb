package io.jieneng.devices.sim.fault;

import java.util.Locale;

/** The faults a simulated meter can be told to show in live mode (docs/SIMULATORS.md). */
public enum FaultKind {
    /** The registers restart near 0 from the meter's previous reading on, as after a meter exchange. */
    RESET(false),
    /** No live readings for a while; then the missed readings go out as one late batch. Argument: a duration. */
    OUTAGE(true),
    /** The meter's clock is off: timestamps are shifted by a signed duration (0 ends the skew). */
    SKEW(true),
    /** Every message is sent twice. */
    DUPLICATES(false),
    /** Every n-th message is replaced by a malformed payload. Argument: n, at least 2 (default 10). */
    GARBAGE(false),
    /** Ends the meter's skew, duplicates and garbage, and ends an outage at its next reading. */
    CLEAR(false);

    private final boolean needsArgument;

    FaultKind(boolean needsArgument) {
        this.needsArgument = needsArgument;
    }

    boolean needsArgument() {
        return needsArgument;
    }

    /** The lower-case name used on the command line. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FaultKind parse(String text) {
        for (FaultKind k : values()) {
            if (k.code().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "'; one of reset, outage, skew, duplicates,"
                + " garbage, clear");
    }
}
