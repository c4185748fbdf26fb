package io.jieneng.ingest.sink;

import io.jieneng.devices.registry.Registry;

import java.time.Duration;
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
    public static ReadingSink create(StoreSettings settings, Supplier<Registry> registry) {
        return switch (settings.kind()) {
            case QUESTDB -> new QuestDbSink(settings.questDbUrl(), settings.questDbTablePrefix());
            case INFLUXDB -> new InfluxDbSink(settings.influxUrl(), settings.influxDb(), settings.influxUser(),
                    settings.influxPassword(), registry);
        };
    }
}
