package io.jieneng.store.influxdb;

import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingSchema;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the InfluxDB points of arrival markers for one writer. InfluxDB keys a point by series and time, and
 * all markers of a writer share one series, so each marker gets its own time: the marker's millisecond plus a
 * sequence below the millisecond, strictly increasing per writer. A marker's time is therefore never earlier
 * than the millisecond its write started, which is what the rollup job's safety margin relies on.
 */
public final class InfluxMarkers {

    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String writer;
    private long lastNanos = Long.MIN_VALUE;

    /** @param writer the value of the {@code writer} tag; see {@link #newWriterId()} */
    public InfluxMarkers(String writer) {
        if (writer == null || writer.isEmpty()) {
            throw new IllegalArgumentException("a marker writer needs a non-empty id");
        }
        this.writer = writer;
    }

    /**
     * A fresh writer id: {@code prefix} and eight random hex digits. Each sink instance takes one, so the number
     * of marker series grows only with the number of writers ever started, not with meters.
     */
    public static String newWriterId(String prefix) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    public String writer() {
        return writer;
    }

    /** The points of {@code arrivals}, all marked at {@code markerMillis}, for a write at nanosecond precision. */
    public synchronized BatchPoints points(String database, List<Arrival> arrivals, long markerMillis) {
        BatchPoints.Builder batch = BatchPoints.database(database).precision(TimeUnit.NANOSECONDS);
        for (Arrival a : arrivals) {
            lastNanos = Math.max(Math.multiplyExact(markerMillis, NANOS_PER_MILLI), lastNanos + 1);
            batch.point(Point.measurement(ReadingSchema.ARRIVALS)
                    .time(lastNanos, TimeUnit.NANOSECONDS)
                    .tag(ReadingSchema.TAG_WRITER, writer)
                    .addField(ReadingSchema.METER, a.meterId())
                    .addField(ReadingSchema.FROM_TS, a.fromMillis())
                    .addField(ReadingSchema.TO_TS, a.toMillis())
                    .build());
        }
        return batch.build();
    }
}
