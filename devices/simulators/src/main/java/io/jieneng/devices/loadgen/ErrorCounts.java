package io.jieneng.devices.loadgen;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors by kind, counted from every event loop. Kinds are short keys such as {@code connect_refused_0x86},
 * {@code puback_0x99}, {@code disconnected} or {@code ack_timeout}.
 */
final class ErrorCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, String> examples = new ConcurrentHashMap<>();

    void add(String kind) {
        add(kind, 1);
    }

    void add(String kind, long n) {
        if (n > 0) {
            counts.computeIfAbsent(kind, k -> new LongAdder()).add(n);
        }
    }

    /** Counts one error and keeps {@code detail} (an MQTT 5 reason string, an exception) if it is the first. */
    void add(String kind, String detail) {
        add(kind, 1);
        if (detail != null && !detail.isEmpty() && examples.size() < 100) {
            examples.putIfAbsent(kind, detail.length() > 300 ? detail.substring(0, 300) + "..." : detail);
        }
    }

    /** The first detail of each kind that had one, sorted by kind. */
    Map<String, String> examples() {
        return new TreeMap<>(examples);
    }

    /** A kind with an MQTT reason code, e.g. {@code puback_0x99}. */
    static String withCode(String prefix, int reasonCode) {
        return prefix + "_0x" + String.format(Locale.ROOT, "%02x", reasonCode & 0xff);
    }

    /** A sorted copy. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
