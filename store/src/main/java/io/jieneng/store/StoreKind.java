package io.jieneng.store;

import io.jieneng.devices.registry.JsonEnum;

import java.util.Optional;

/** Which time-series store the readings go to. */
public enum StoreKind implements JsonEnum {
    /** Embedded or standalone QuestDB, written over ILP/HTTP. */
    QUESTDB,
    /** InfluxDB 1.x (or 2.x/3.x through the v1 API), written with {@code /write}. */
    INFLUXDB;

    /** The name used in configuration: {@code questdb} or {@code influxdb}. */
    public String configName() {
        return json();
    }

    public static Optional<StoreKind> fromConfigName(String name) {
        return JsonEnum.parse(StoreKind.class, name);
    }
}
