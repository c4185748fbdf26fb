package io.jieneng.ingest.sink;

import io.jieneng.devices.registry.Registry;

import java.util.function.Supplier;

/** Creates the sink that {@link StoreSettings} asks for. */
public final class ReadingSinks {

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
