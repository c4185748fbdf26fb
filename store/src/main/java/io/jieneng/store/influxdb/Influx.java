package io.jieneng.store.influxdb;

import io.jieneng.store.StoreException;
import io.jieneng.store.StoreSettings;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one connection helper of an InfluxDB store, shared by its sinks, its reader and its rollup store, over the
 * v1 HTTP API (InfluxDB 1.x, and 2.x/3.x through their v1 compatibility). It holds two clients of one server:
 * queries and rollup writes get generous timeouts, because a year-long scan or a large batch can take a while on
 * a busy server; readings and markers go through one whose every call, retries and redirects included, ends
 * within {@link #WRITE_CALL_TIMEOUT} (docs/ROLLUPS.md: a marker commits within a bound or not at all).
 */
final class Influx implements AutoCloseable {

    // One call, OkHttp's own retries included, never outlasts this: see Stores.WRITE_ATTEMPT_BOUND.
    static final Duration WRITE_CALL_TIMEOUT = Duration.ofSeconds(10);

    final String database;
    private final InfluxDB queries;
    private final InfluxDB boundedWrites;
    private volatile boolean databaseReady;

    Influx(StoreSettings settings) {
        this.database = settings.influxDb();
        this.queries = connect(settings, new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(120, TimeUnit.SECONDS)
                .writeTimeout(60, TimeUnit.SECONDS));
        this.boundedWrites = connect(settings, new OkHttpClient.Builder()
                .connectTimeout(WRITE_CALL_TIMEOUT)
                .callTimeout(WRITE_CALL_TIMEOUT));
    }

    private static InfluxDB connect(StoreSettings s, OkHttpClient.Builder http) {
        String user = s.influxUser();
        return user == null || user.isEmpty()
                ? InfluxDBFactory.connect(s.influxUrl(), http)
                : InfluxDBFactory.connect(s.influxUrl(), user, s.influxPassword() == null ? "" : s.influxPassword(),
                http);
    }

    /** Writes line protocol at millisecond precision within the write bound. */
    void writeBounded(String lines) {
        ensureDatabase();
        boundedWrites.write(database, null, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);
    }

    /** Writes points within the write bound. */
    void writeBounded(BatchPoints points) {
        ensureDatabase();
        boundedWrites.write(points);
    }

    /** Writes points with the generous timeouts (rollup rows: large, and not bounded by the marker rule). */
    void write(BatchPoints points) {
        ensureDatabase();
        queries.write(points);
    }

    /**
     * Creates the database unless it exists. Checking first means a user without the right to create databases
     * can still write to one an administrator made.
     *
     * @throws StoreException naming the database and InfluxDB's error
     */
    void ensureDatabase() {
        if (databaseReady) {
            return;
        }
        QueryResult shown = queries.query(new Query("SHOW DATABASES"));
        if (!shown.hasError() && shown.getResults() != null) {
            for (QueryResult.Result r : shown.getResults()) {
                for (QueryResult.Series s : r.getSeries() == null ? List.<QueryResult.Series>of() : r.getSeries()) {
                    // A server without any database answers a series with no values at all.
                    for (List<Object> row : s.getValues() == null ? List.<List<Object>>of() : s.getValues()) {
                        if (!row.isEmpty() && database.equals(row.get(0))) {
                            databaseReady = true;
                            return;
                        }
                    }
                }
            }
        }
        // A database name cannot be a bound parameter; it is quoted as an identifier.
        QueryResult created = queries.query(new Query("CREATE DATABASE " + InfluxQl.quote(database)));
        String error = created.hasError() ? created.getError()
                : created.getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null).findFirst()
                .orElse(null);
        if (error != null) {
            throw new StoreException("InfluxDB database " + database + " does not exist and could not be "
                    + "created (" + error + "); create it, or give the configured user the right to", null);
        }
        databaseReady = true;
    }

    /** The series of {@code q}, times as epoch ms; a database never written to answers none. */
    List<QueryResult.Series> run(InfluxQl q) {
        QueryResult result;
        try {
            result = queries.query(q.toQuery(database), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw new StoreException("InfluxDB query failed: " + e.getMessage(), e);
        }
        if (result.hasError()) {
            throw new StoreException("InfluxDB query failed: " + result.getError(), null);
        }
        List<QueryResult.Series> series = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                // Nothing written yet: no database, hence no readings, rows or markers.
                if (r.getError().contains("database not found")) {
                    continue;
                }
                throw new StoreException("InfluxDB query failed: " + r.getError(), null);
            }
            if (r.getSeries() != null) {
                series.addAll(r.getSeries());
            }
        }
        return series;
    }

    /** True when InfluxDB answers {@code /ping}. Never throws. */
    boolean isReachable() {
        try {
            return boundedWrites.ping().isGood();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        queries.close();
        boundedWrites.close();
    }
}
