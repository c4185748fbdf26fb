package io.jieneng.devices.sim;

import java.util.Locale;
import java.util.Map;

/**
 * The outcome of the backfill.
 *
 * @param meters         meters that publish
 * @param connections    MQTT connections (one per meter, or per gateway)
 * @param readings       readings the broker acknowledged
 * @param messages       messages the broker acknowledged
 * @param failedReadings readings in messages the broker refused for good
 * @param seconds        wall-clock duration
 * @param errorsByKind   errors by kind
 */
public record BackfillSummary(int meters, int connections, long readings, long messages, long failedReadings,
                              double seconds, Map<String, Long> errorsByKind) {

    public BackfillSummary {
        errorsByKind = Map.copyOf(errorsByKind);
    }

    /** The one-line summary the CLI prints. */
    public String line() {
        return String.format(Locale.ROOT,
                "backfill done: %d meters over %d connections, %d readings in %d messages acknowledged in %.1f s"
                        + "%s%s",
                meters, connections, readings, messages, seconds,
                failedReadings > 0 ? ", " + failedReadings + " readings refused" : "",
                errorsByKind.isEmpty() ? "" : ", errors " + errorsByKind);
    }
}
