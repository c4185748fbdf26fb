package io.jieneng.ingest.sink;

import java.util.Objects;

/**
 * Where the readings are written.
 *
 * @param kind               the store in use
 * @param questDbUrl         QuestDB's HTTP endpoint, e.g. {@code http://127.0.0.1:9000} (ILP/HTTP and /exec)
 * @param questDbTablePrefix prepended to {@link ReadingSchema#TABLE}; tests use one prefix per class
 * @param influxUrl          InfluxDB's HTTP endpoint, e.g. {@code http://127.0.0.1:8086}
 * @param influxDb           the InfluxDB database; created when missing
 * @param influxUser         InfluxDB user, or {@code null} without authentication
 * @param influxPassword     InfluxDB password, or {@code null}
 */
public record StoreSettings(StoreKind kind, String questDbUrl, String questDbTablePrefix, String influxUrl,
                            String influxDb, String influxUser, String influxPassword) {

    public StoreSettings {
        Objects.requireNonNull(kind, "kind");
        questDbTablePrefix = questDbTablePrefix == null ? "" : questDbTablePrefix;
    }

    /** The settings for a QuestDB store. */
    public static StoreSettings questDb(String url, String tablePrefix) {
        return new StoreSettings(StoreKind.QUESTDB, url, tablePrefix, null, null, null, null);
    }

    /** The settings for an InfluxDB store. */
    public static StoreSettings influxDb(String url, String database, String user, String password) {
        return new StoreSettings(StoreKind.INFLUXDB, null, "", url, database, user, password);
    }

    @Override
    public String toString() {
        // The password stays out of logs.
        return "StoreSettings[kind=" + kind + ", questDbUrl=" + questDbUrl + ", questDbTablePrefix="
                + questDbTablePrefix + ", influxUrl=" + influxUrl + ", influxDb=" + influxDb + ", influxUser="
                + influxUser + "]";
    }
}
