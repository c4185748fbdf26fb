package io.jieneng.ingest.sink;

import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Connections to InfluxDB's v1 HTTP API, shared by the writer here and the analytics reader. */
public final class InfluxConnections {

    private InfluxConnections() {
    }

    /**
     * A client for {@code url}; {@code user} is {@code null} or empty when InfluxDB runs without authentication.
     * The read timeout is generous because a year-long scan or a large batch can take a while on a busy server.
     */
    public static InfluxDB connect(String url, String user, String password) {
        return connect(url, user, password, new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(120, TimeUnit.SECONDS)
                .writeTimeout(60, TimeUnit.SECONDS));
    }

    /**
     * A client whose every call, retries and redirects included, ends within {@code callTimeout}: a writer whose
     * attempts must be bounded (the arrival markers, docs/ROLLUPS.md) uses it.
     */
    public static InfluxDB connectBounded(String url, String user, String password, Duration callTimeout) {
        return connect(url, user, password, new OkHttpClient.Builder()
                .connectTimeout(callTimeout)
                .callTimeout(callTimeout));
    }

    private static InfluxDB connect(String url, String user, String password, OkHttpClient.Builder http) {
        return user == null || user.isEmpty()
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, user, password == null ? "" : password, http);
    }

    /**
     * Creates {@code database} unless it exists. Checking first means a user without the right to create databases
     * can still write to one an administrator made.
     *
     * @throws IllegalStateException naming the database and InfluxDB's error
     */
    public static void ensureDatabase(InfluxDB influx, String database) {
        QueryResult shown = influx.query(new Query("SHOW DATABASES"));
        if (!shown.hasError() && shown.getResults() != null) {
            for (QueryResult.Result r : shown.getResults()) {
                if (r.getSeries() == null) {
                    continue;
                }
                for (QueryResult.Series s : r.getSeries()) {
                    // A server without any database answers a series with no values at all.
                    for (List<Object> row : s.getValues() == null ? List.<List<Object>>of() : s.getValues()) {
                        if (!row.isEmpty() && database.equals(row.get(0))) {
                            return;
                        }
                    }
                }
            }
        }
        QueryResult created = influx.query(new Query("CREATE DATABASE \"" + database.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\""));
        String error = created.hasError() ? created.getError()
                : created.getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null).findFirst()
                .orElse(null);
        if (error != null) {
            throw new IllegalStateException("InfluxDB database " + database + " does not exist and could not be "
                    + "created (" + error + "); create it, or give the configured user the right to");
        }
    }

    /** True when InfluxDB answers {@code /ping}. */
    public static boolean isReachable(InfluxDB influx) {
        try {
            return influx.ping().isGood();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
