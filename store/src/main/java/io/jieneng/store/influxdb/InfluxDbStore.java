package io.jieneng.store.influxdb;

import io.jieneng.devices.registry.Registry;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;

import java.time.Clock;
import java.util.function.Supplier;

/** Opens an InfluxDB store: its parts share one {@link Influx} helper and its clients. */
public final class InfluxDbStore {

    /**
     * Four writers: InfluxDB takes parallel writes much faster than one synchronous writer sends them, and a
     * writer also spends its time encoding and writing the markers (docs/INGEST.md, docs/PERFORMANCE.md).
     */
    private static final int DEFAULT_WRITERS = 4;

    private InfluxDbStore() {
    }

    /**
     * Opens the store of {@code settings}; called by {@link io.jieneng.store.Stores#open} only.
     *
     * @param registry the current registry snapshot, for the tags of every point
     */
    public static Store open(StoreSettings settings, Supplier<Registry> registry, Clock clock) {
        Influx influx = new Influx(settings);
        return new Store(() -> new InfluxDbSink(influx, registry, clock), new InfluxDbReader(influx),
                new InfluxDbRollups(influx, registry), DEFAULT_WRITERS, influx::close);
    }
}
