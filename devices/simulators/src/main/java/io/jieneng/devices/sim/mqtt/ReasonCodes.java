package io.jieneng.devices.sim.mqtt;

import java.util.Locale;
import java.util.Map;

/** Names of the MQTT 5 reason codes a broker may return to a publishing client (MQTT 5.0 §2.4). */
public final class ReasonCodes {

    /** Reason codes from 0x80 up are failures. */
    public static final int FIRST_FAILURE = 0x80;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00, "success"),
            Map.entry(0x10, "no matching subscribers"),
            Map.entry(0x80, "unspecified error"),
            Map.entry(0x81, "malformed packet"),
            Map.entry(0x82, "protocol error"),
            Map.entry(0x83, "implementation specific error"),
            Map.entry(0x84, "unsupported protocol version"),
            Map.entry(0x85, "client identifier not valid"),
            Map.entry(0x86, "bad user name or password"),
            Map.entry(0x87, "not authorized"),
            Map.entry(0x88, "server unavailable"),
            Map.entry(0x89, "server busy"),
            Map.entry(0x8A, "banned"),
            Map.entry(0x90, "topic name invalid"),
            Map.entry(0x91, "packet identifier in use"),
            Map.entry(0x95, "packet too large"),
            Map.entry(0x97, "quota exceeded"),
            Map.entry(0x99, "payload format invalid"),
            Map.entry(0x9F, "connection rate exceeded"));

    private ReasonCodes() {
    }

    public static boolean isFailure(int code) {
        return code >= FIRST_FAILURE && code <= 0xFF;
    }

    /**
     * True for refusals that may pass (the broker is busy or rate-limiting), which are worth a few retries; the
     * others (not authorized, payload invalid, ...) would fail the same way again.
     */
    public static boolean isTransient(int code) {
        return code == 0x88 || code == 0x89 || code == 0x97 || code == 0x9F;
    }

    /** For example {@code 0x99 (payload format invalid)}. */
    public static String describe(int code) {
        return String.format(Locale.ROOT, "0x%02X (%s)", code, NAMES.getOrDefault(code, "unknown"));
    }
}
