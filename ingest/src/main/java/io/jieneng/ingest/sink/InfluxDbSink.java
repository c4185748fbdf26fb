package io.jieneng.ingest.sink;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Registry;
import org.influxdb.InfluxDB;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes readings to InfluxDB through the v1 {@code /write} API (1.x, and 2.x/3.x through their v1
 * compatibility), one synchronous request per batch at millisecond precision, then a second request with the
 * batch's arrival markers (docs/ROLLUPS.md). Points carry the registry tags Grafana templates on. InfluxDB keys a
 * point by series and time, so a resent (meter, ts) overwrites itself as long as the meter's registry tags did
 * not change in between.
 */
public final class InfluxDbSink implements ReadingSink {

    // One call, OkHttp's own retries included, never outlasts this: see ReadingSinks.WRITE_ATTEMPT_BOUND.
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final InfluxDB influx;
    private final String database;
    private final Supplier<Registry> registry;
    private final InfluxLines lines = new InfluxLines();
    private final InfluxMarkers markers = new InfluxMarkers(InfluxMarkers.newWriterId("ingest-"));
    private final Clock clock;
    private volatile boolean databaseReady;

    /**
     * @param user     {@code null} when InfluxDB runs without authentication
     * @param registry the current registry snapshot, for the tags
     */
    public InfluxDbSink(String url, String database, String user, String password, Supplier<Registry> registry) {
        this(url, database, user, password, registry, Clock.systemUTC());
    }

    /** @param clock the time of the arrival markers */
    public InfluxDbSink(String url, String database, String user, String password, Supplier<Registry> registry,
                        Clock clock) {
        this.influx = InfluxConnections.connectBounded(url, user, password, CALL_TIMEOUT);
        this.database = database;
        this.registry = registry;
        this.clock = clock;
    }

    /** The value of the {@code writer} tag on this sink's markers. */
    public String writer() {
        return markers.writer();
    }

    @Override
    public void write(List<Reading> batch) {
        ensureDatabase();
        influx.write(database, null, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                lines.encode(batch, registry.get()));
        // A separate write, after the readings are durable: a marker never points at readings not yet stored.
        influx.write(markers.points(database, Arrival.of(batch), clock.millis()));
    }

    private void ensureDatabase() {
        if (!databaseReady) {
            InfluxConnections.ensureDatabase(influx, database);
            databaseReady = true;
        }
    }

    @Override
    public boolean isReachable() {
        return InfluxConnections.isReachable(influx);
    }

    @Override
    public void close() {
        influx.close();
    }
}
