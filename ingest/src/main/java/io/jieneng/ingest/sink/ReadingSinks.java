package io.jieneng.ingest.sink;

import io.jieneng.devices.registry.Registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Creates the sink that {@link StoreSettings} asks for. */
public final class ReadingSinks {

    /**
     * The longest one store request of a sink takes, retries included, before it fails. An arrival marker is
     * therefore committed at most this long after its time, if at all; the rollup job's safety margin
     * ({@code JIENENG_ROLLUP_SAFETY_SECONDS}) must exceed it, plus any clock difference between hosts.
     */
    public static final Duration WRITE_ATTEMPT_BOUND = Duration.ofSeconds(12);

    private ReadingSinks() {
    }

    /**
     * The sink for {@code settings}. It does not need the store to be up yet: the first write waits (retrying)
     * until the table or database can be created.
     *
     * @param registry the current registry snapshot (InfluxDB tags each point with registry attributes)
     */
    /**
     * How many batches ingest writes at once when {@code JIENENG_INGEST_WRITERS} is 0. InfluxDB takes parallel
     * writes much faster than one synchronous writer sends them, and a writer also spends its time encoding and
     * writing the markers (docs/INGEST.md, docs/PERFORMANCE.md), so it gets 4. QuestDB gets 1: one writer keeps up
     * with the MQTT side on 2 cores, and every further one adds a write-ahead-log segment to merge.
     */
    public static int writers(StoreSettings settings, int configured) {
        if (configured > 0) {
            return configured;
        }
        return settings.kind() == StoreKind.INFLUXDB ? 4 : 1;
    }

    /** {@code count} independent sinks (connections, encoders, marker writer ids), one per writer thread. */
    public static List<ReadingSink> createAll(StoreSettings settings, Supplier<Registry> registry, int count) {
        List<ReadingSink> sinks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sinks.add(create(settings, registry));
        }
        return List.copyOf(sinks);
    }

    public static ReadingSink create(StoreSettings settings, Supplier<Registry> registry) {
        return switch (settings.kind()) {
            case QUESTDB -> new QuestDbSink(settings.questDbUrl(), settings.questDbTablePrefix());
            case INFLUXDB -> new InfluxDbSink(settings.influxUrl(), settings.influxDb(), settings.influxUser(),
                    settings.influxPassword(), registry);
        };
    }
}
