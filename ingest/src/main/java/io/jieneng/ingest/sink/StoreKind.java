package io.jieneng.ingest.sink;

import java.util.Locale;
import java.util.Optional;

/** Which time-series store the readings go to. */
public enum StoreKind {
    /** Embedded or standalone QuestDB, written over ILP/HTTP. */
    QUESTDB,
    /** InfluxDB 1.x (or 2.x/3.x through the v1 API), written with {@code /write}. */
    INFLUXDB;

    /** The name used in configuration: {@code questdb} or {@code influxdb}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StoreKind> fromConfigName(String name) {
        for (StoreKind k : values()) {
            if (k.configName().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
