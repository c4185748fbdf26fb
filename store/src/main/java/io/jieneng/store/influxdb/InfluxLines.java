package io.jieneng.store.influxdb;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Registry;
import io.jieneng.store.ReadingSchema;

import java.util.HashMap;
import java.util.Map;

/**
 * Encodes readings as InfluxDB line protocol directly. influxdb-java's {@code Point} formats every double through
 * {@code DecimalFormat} and rebuilds the tag set per point, which made the writer thread the bottleneck of the
 * InfluxDB path; here a meter's series key (measurement and sorted tags) is built once per registry snapshot and
 * values are written with {@link Double#toString}, which InfluxDB parses back to the same double.
 */
public final class InfluxLines {

    private Registry snapshot;
    private final Map<String, String> seriesKeys = new HashMap<>();

    /**
     * One line per reading; not thread-safe (each sink, used by one writer thread, owns one). Public for the JMH
     * benchmark (bench/jmh), which measures this encoding.
     */
    public String encode(Iterable<Reading> readings, Registry registry) {
        if (registry != snapshot) {
            snapshot = registry;
            seriesKeys.clear();
        }
        StringBuilder sb = new StringBuilder(4096);
        for (Reading r : readings) {
            sb.append(seriesKeys.computeIfAbsent(r.meterId(), id -> seriesKey(id, registry)));
            char sep = ' ';
            for (ReadingField f : ReadingField.values()) {
                Double v = r.get(f);
                if (v != null) {
                    sb.append(sep);
                    escapeKey(sb, ReadingSchema.column(f));
                    sb.append('=').append(v.doubleValue());
                    sep = ',';
                }
            }
            sb.append(' ').append(r.tsMillis()).append('\n');
        }
        return sb.toString();
    }

    /** The measurement and the registry tags of a meter, sorted by key as InfluxDB prefers. */
    static String seriesKey(String meterId, Registry registry) {
        StringBuilder sb = new StringBuilder();
        escapeMeasurement(sb, ReadingSchema.MEASUREMENT);
        InfluxTags.of(meterId, registry).forEach((k, v) -> {
            sb.append(',');
            escapeKey(sb, k);
            sb.append('=');
            escapeKey(sb, v);
        });
        return sb.toString();
    }

    private static void escapeMeasurement(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    /** Tag keys, tag values and field keys escape commas, equals signs and spaces. */
    private static void escapeKey(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '=' || c == ' ') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}
