package io.jieneng.devices.sim.mqtt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by all connections of a simulator. A message and its readings count as sent only once the
 * broker has acknowledged it with a success reason code.
 */
public final class PublishStats {

    private final LongAdder readings = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder failedReadings = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void acknowledged(int readingCount) {
        messages.increment();
        readings.add(readingCount);
    }

    void failed(int readingCount, String kind) {
        failedReadings.add(readingCount);
        error(kind);
    }

    /** Counts an error that lost no reading (a dropped connection, a retried refusal). */
    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public Snapshot snapshot() {
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((k, v) -> byKind.put(k, v.sum()));
        return new Snapshot(readings.sum(), messages.sum(), failedReadings.sum(), byKind);
    }

    /**
     * @param readings       readings in acknowledged messages
     * @param messages       acknowledged messages
     * @param failedReadings readings in messages the broker refused for good
     * @param errorsByKind   errors by kind, such as {@code puback 0x99 (payload format invalid)}
     */
    public record Snapshot(long readings, long messages, long failedReadings, Map<String, Long> errorsByKind) {

        public Snapshot {
            errorsByKind = Map.copyOf(errorsByKind);
        }
    }
}
