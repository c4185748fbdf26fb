package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a load-generator run measured. Rates and latencies cover the measured window only (after the warm-up);
 * error counts cover the whole run.
 *
 * @param windowStart          when the measured window began (ISO-8601), e.g. to cut a profile to it
 * @param windowEnd            when it ended
 * @param options              the run's settings, as given
 * @param messagesSent         PUBLISH packets written in the window
 * @param messagesCompleted    messages acknowledged with success in the window (QoS 0: written)
 * @param messagesPerSecond    {@code messagesCompleted} per second of the window
 * @param readingsPerSecond    readings of those messages per second
 * @param latencyMs            PUBACK (QoS 1) or PUBCOMP (QoS 2) latency in the window
 * @param errorExamples        the first detail of an error kind: the MQTT 5 reason string of a refusal, or the
 *                             exception of an I/O error
 * @param completedTotal       messages completed over the whole run (warm-up, window and drain): every one of
 *                             them was acknowledged, so a store behind the server must hold all its readings
 * @param readingsCompletedTotal the readings of {@code completedTotal}
 * @param unacknowledgedAtEnd  messages still waiting for their acknowledgement when the drain time ran out
 * @param rateShortfall        paced messages given up because every window was full (the target rate was not
 *                             reached)
 * @param tsClockWaits         sends postponed because a meter's timestamps caught up with the wall clock
 * @param loadgenCpuPercent    this generator's CPU in the window, in percent of one core
 * @param target               the sampled server process, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadReport(String tool, String startedAt, String windowStart, String windowEnd, String server, Map<String, Object> options, Machine machine,
                         Connections connections, double warmupSeconds, double measuredSeconds, long messagesSent,
                         long messagesCompleted, double messagesPerSecond, double readingsPerSecond,
                         Percentiles latencyMs, long errorsTotal, Map<String, Long> errors,
                         Map<String, String> errorExamples, long completedTotal,
                         long readingsCompletedTotal, long unacknowledgedAtEnd,
                         long rateShortfall, long tsClockWaits, double loadgenCpuPercent, Target target) {

    /**
     * @param established connections whose CONNACK accepted them
     * @param peakOpen    most connections open at once
     * @param openAtEnd   connections open when the window ended
     * @param connectSeconds time from the first CONNECT to the last connection settled
     */
    public record Connections(int requested, int established, int peakOpen, int openAtEnd, double connectSeconds) {
    }

    /**
     * @param cpuPercent CPU of the target process in the window, in percent of one core
     * @param maxRssMiB  largest resident set size sampled (every second) during the run
     * @param peakRssMiB the process's own peak RSS since it started ({@code VmHWM})
     */
    public record Target(long pid, double cpuPercent, double maxRssMiB, double peakRssMiB) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file, e);
        }
    }

    /** A few lines for a terminal. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        boolean idle = Boolean.TRUE.equals(options.get("idle"));
        s.append(String.format(Locale.ROOT, "loadgen -> %s: %d of %d connections established in %.1f s (peak open %d,"
                        + " open at end %d)%n", server, connections.established(), connections.requested(),
                connections.connectSeconds(), connections.peakOpen(), connections.openAtEnd()));
        if (idle) {
            s.append(String.format(Locale.ROOT, "idle for %.1f s%n", measuredSeconds));
        } else {
            s.append(String.format(Locale.ROOT, "MQTT %s QoS %s, %s reading(s)/message, %d B/message, rate %s;"
                            + " measured %.1f s after %.1f s warm-up%n", options.get("mqttVersion"),
                    options.get("qos"), options.get("readingsPerMessage"), options.get("messageBytes"),
                    ((Number) options.get("rate")).doubleValue() > 0 ? options.get("rate") + " msg/s"
                            : "max (" + options.get("maxInFlight") + " in flight per connection)",
                    measuredSeconds, warmupSeconds));
            s.append(String.format(Locale.ROOT, "throughput: %,.0f messages/s, %,.0f readings/s (%,d completed, %,d"
                    + " sent)%n", messagesPerSecond, readingsPerSecond, messagesCompleted, messagesSent));
            if (latencyMs.count() > 0) {
                s.append(String.format(Locale.ROOT, "ack latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max"
                                + " %.3f  (n=%,d)%n", latencyMs.p50Ms(), latencyMs.p90Ms(), latencyMs.p99Ms(),
                        latencyMs.p999Ms(), latencyMs.maxMs(), latencyMs.count()));
            }
        }
        s.append("errors: ").append(errors.isEmpty() ? "none" : errors.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        errorExamples.forEach((kind, detail) -> s.append(String.format(Locale.ROOT, "%n  %s: %s", kind, detail)));
        if (unacknowledgedAtEnd > 0 || rateShortfall > 0) {
            s.append(String.format(Locale.ROOT, "; unacknowledged at end %d, paced messages given up %d",
                    unacknowledgedAtEnd, rateShortfall));
        }
        s.append(String.format(Locale.ROOT, "%nloadgen CPU %.1f %% of one core (%d cores, load average %.1f)",
                loadgenCpuPercent, machine.cores(), machine.loadAverage()));
        if (target != null) {
            s.append(String.format(Locale.ROOT, "; target pid %d: CPU %.1f %%, max RSS %.1f MiB, peak RSS %.1f MiB",
                    target.pid(), target.cpuPercent(), target.maxRssMiB(), target.peakRssMiB()));
        }
        return s.append('\n').toString();
    }
}
