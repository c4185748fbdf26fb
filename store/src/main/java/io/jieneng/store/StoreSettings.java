package io.jieneng.store;

import java.util.Objects;

/**
 * Where the readings, markers and rollups live.
 *
 * @param kind               the store in use
 * @param questDbUrl         QuestDB's HTTP endpoint, e.g. {@code http://127.0.0.1:9000} (ILP/HTTP and /exec)
 * @param questDbTablePrefix prepended to {@link ReadingSchema#TABLE}; tests use one prefix per class
 * @param influxUrl          InfluxDB's HTTP endpoint, e.g. {@code http://127.0.0.1:8086}
 * @param influxDb           the InfluxDB database; created when missing
 * @param influxUser         InfluxDB user, or {@code null} without authentication
 * @param influxPassword     InfluxDB password, or {@code null}
 * @param questDbPgUrl       the JDBC URL of QuestDB's PostgreSQL-wire endpoint, which the reader and the rollup
 *                           store query; {@code null} where only readings are written (the standalone ingest)
 * @param questDbPgUser      its user
 * @param questDbPgPassword  its password
 * @param questDbHttpAuth    what the line-protocol writes and {@code /exec} calls authenticate with
 */
public record StoreSettings(StoreKind kind, String questDbUrl, String questDbTablePrefix, String influxUrl,
                            String influxDb, String influxUser, String influxPassword, String questDbPgUrl,
                            String questDbPgUser, String questDbPgPassword, QuestDbCredentials questDbHttpAuth) {

    public StoreSettings {
        Objects.requireNonNull(kind, "kind");
        questDbTablePrefix = questDbTablePrefix == null ? "" : questDbTablePrefix;
        questDbHttpAuth = questDbHttpAuth == null ? QuestDbCredentials.NONE : questDbHttpAuth;
    }

    /** The settings without QuestDB HTTP credentials. */
    public StoreSettings(StoreKind kind, String questDbUrl, String questDbTablePrefix, String influxUrl,
                         String influxDb, String influxUser, String influxPassword, String questDbPgUrl,
                         String questDbPgUser, String questDbPgPassword) {
        this(kind, questDbUrl, questDbTablePrefix, influxUrl, influxDb, influxUser, influxPassword, questDbPgUrl,
                questDbPgUser, questDbPgPassword, QuestDbCredentials.NONE);
    }

    /** The settings of a writer, which never queries QuestDB over its PostgreSQL wire. */
    public StoreSettings(StoreKind kind, String questDbUrl, String questDbTablePrefix, String influxUrl,
                         String influxDb, String influxUser, String influxPassword) {
        this(kind, questDbUrl, questDbTablePrefix, influxUrl, influxDb, influxUser, influxPassword, null, null, null);
    }

    /** The settings for a QuestDB store. */
    public static StoreSettings questDb(String url, String tablePrefix) {
        return new StoreSettings(StoreKind.QUESTDB, url, tablePrefix, null, null, null, null);
    }

    /** The settings for an InfluxDB store. */
    public static StoreSettings influxDb(String url, String database, String user, String password) {
        return new StoreSettings(StoreKind.INFLUXDB, null, "", url, database, user, password);
    }

    /** These settings plus where QuestDB answers queries (its PostgreSQL wire), for readers and rollups. */
    public StoreSettings withQuestDbPg(String jdbcUrl, String user, String password) {
        return new StoreSettings(kind, questDbUrl, questDbTablePrefix, influxUrl, influxDb, influxUser,
                influxPassword, jdbcUrl, user, password, questDbHttpAuth);
    }

    /** These settings with the credentials of QuestDB's HTTP endpoint. */
    public StoreSettings withQuestDbHttpAuth(QuestDbCredentials auth) {
        return new StoreSettings(kind, questDbUrl, questDbTablePrefix, influxUrl, influxDb, influxUser,
                influxPassword, questDbPgUrl, questDbPgUser, questDbPgPassword, auth);
    }

    @Override
    public String toString() {
        // The passwords stay out of logs.
        return "StoreSettings[kind=" + kind + ", questDbUrl=" + questDbUrl + ", questDbTablePrefix="
                + questDbTablePrefix + ", questDbPgUrl=" + questDbPgUrl + ", influxUrl=" + influxUrl + ", influxDb="
                + influxDb + ", influxUser=" + influxUser + ", questDbHttpAuth=" + questDbHttpAuth + "]";
    }
}
