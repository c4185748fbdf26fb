package io.jieneng.store.influxdb;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Registry;
import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingSink;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes readings to InfluxDB through {@code /write}, one synchronous request per batch at millisecond precision,
 * then a second request with the batch's arrival markers (docs/ROLLUPS.md). Points carry the registry tags Grafana
 * templates on. InfluxDB keys a point by series and time, so a resent (meter, ts) overwrites itself as long as the
 * meter's registry tags did not change in between.
 */
final class InfluxDbSink implements ReadingSink {

    private final Influx influx;
    private final Supplier<Registry> registry;
    private final InfluxLines lines = new InfluxLines();
    private final InfluxMarkers markers = new InfluxMarkers(InfluxMarkers.newWriterId("ingest-"));
    private final Clock clock;

    InfluxDbSink(Influx influx, Supplier<Registry> registry, Clock clock) {
        this.influx = influx;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void write(List<Reading> batch) {
        try {
            influx.writeBounded(lines.encode(batch, registry.get()));
        } catch (RuntimeException e) {
            throw InfluxRefusals.classify(e);
        }
        // A separate write, after the readings are durable: a marker never points at readings not yet stored.
        // Its failure is never a refusal of the readings, whatever InfluxDB says, so it is left transient.
        influx.writeBounded(markers.points(influx.database, Arrival.of(batch), clock.millis()));
    }

    @Override
    public boolean isReachable() {
        return influx.isReachable();
    }

    @Override
    public void close() {
        // The connections belong to the store, which the other writers still use.
    }
}
