package io.jieneng.store.questdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.jieneng.store.QuestDbCredentials;
import io.jieneng.store.StoreException;
import io.jieneng.store.StoreSettings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one connection helper of a QuestDB store, shared by its sinks, its reader and its rollup store: the HTTP
 * endpoint (table creation through {@code /exec}, {@code /ping}, the ILP configuration of every writer) and the
 * one JDBC pool over the PostgreSQL wire, opened on the first query. Queries bind every value ({@link Sql}), and
 * read timestamps as epoch microseconds ({@code cast(ts as long)}), never as SQL timestamps, so the JVM's default
 * time zone can never shift them.
 */
final class QuestDb implements AutoCloseable {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int POOL_SIZE = 8;
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /*
     * Every ILP flush, its retries included, ends within about request + retry + request timeouts + 1 s of backoff
     * (the client retries until retry_timeout after the first failure, and the last try may run its full time):
     * about 10.5 s, inside Stores.WRITE_ATTEMPT_BOUND. The minimum throughput adds 1 s per MiB sent.
     */
    private static final String BOUNDED_FLUSH = "request_timeout=3000;retry_timeout=3000;"
            + "request_min_throughput=1048576;";

    final QuestDbTables tables;
    private final URI baseUri;
    private final String senderConfig;
    private final StoreSettings settings;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private AgroalDataSource pool;
    private volatile boolean tablesReady;

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    QuestDb(StoreSettings settings) {
        String url = settings.questDbUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a QuestDB store needs its HTTP URL");
        }
        this.settings = settings;
        this.tables = new QuestDbTables(settings.questDbTablePrefix());
        this.baseUri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        int port = baseUri.getPort() > 0 ? baseUri.getPort() : 9000;
        this.senderConfig = baseUri.getScheme() + "::addr=" + baseUri.getHost() + ":" + port + ";auto_flush=off;"
                + BOUNDED_FLUSH + senderAuth(settings.questDbHttpAuth());
        this.authorization = authorization(settings.questDbHttpAuth());
    }

    /** The credentials in the ILP client's configuration string, where a ';' inside a value is written ';;'. */
    static String senderAuth(QuestDbCredentials auth) {
        if (auth.isBasic()) {
            return "username=" + escape(auth.user()) + ";password=" + escape(auth.password()) + ";";
        }
        return auth.isToken() ? "token=" + escape(auth.token()) + ";" : "";
    }

    private static String escape(String value) {
        return value.replace(";", ";;");
    }

    /** The {@code Authorization} header of the {@code /exec} and {@code /ping} calls, or {@code null}. */
    static String authorization(QuestDbCredentials auth) {
        if (auth.isBasic()) {
            return "Basic " + Base64.getEncoder().encodeToString((auth.user() + ":" + auth.password())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return auth.isToken() ? "Bearer " + auth.token() : null;
    }

    /** A new ILP writer with the bounded flush; one per writing thread. */
    IlpWriter newWriter() {
        return new IlpWriter(senderConfig);
    }

    /** Creates every table unless done already; throws while QuestDB cannot be reached (callers retry). */
    void ensureTables() {
        if (tablesReady) {
            return;
        }
        synchronized (this) {
            if (tablesReady) {
                return;
            }
            for (String ddl : tables.ddl()) {
                HttpResponse<String> response;
                try {
                    response = get("/exec?query=" + URLEncoder.encode(ddl, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new StoreException("QuestDB at " + baseUri + " is not reachable: " + e, e);
                }
                if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                    throw new StoreException("QuestDB refused " + ddl + ": HTTP " + response.statusCode() + " "
                            + response.body(), null);
                }
            }
            tablesReady = true;
        }
    }

    /**
     * Runs {@code sql} through {@code /exec} (which needs no PostgreSQL-wire endpoint, so the standalone ingest can
     * use it) and returns its rows, each a JSON array of the selected columns.
     *
     * @throws StoreException when QuestDB cannot be reached or refuses the query (transient for a writer)
     */
    JsonNode exec(String sql) {
        HttpResponse<String> response;
        try {
            response = get("/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("QuestDB at " + baseUri + " is not reachable: " + e, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StoreException("QuestDB answered " + sql + " with HTTP " + response.statusCode() + " and no "
                    + "JSON: " + response.body(), e);
        }
        if (response.statusCode() != 200 || body.has("error")) {
            throw new StoreException("QuestDB refused " + sql + ": HTTP " + response.statusCode() + " "
                    + response.body(), null);
        }
        return body.path("dataset");
    }

    /**
     * Waits until QuestDB applied every write committed to {@code table} before the call, so that a query sees
     * them (a WAL table applies its commits a moment after they are durable).
     */
    void awaitApplied(String table) {
        String sql = "SELECT writerTxn, sequencerTxn, suspended FROM wal_tables() WHERE name = '" + table + "'";
        long target = -1;
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        while (true) {
            JsonNode rows = exec(sql);
            if (rows.isEmpty()) {
                return;
            }
            JsonNode row = rows.get(0);
            if (row.get(2).asBoolean()) {
                throw new StoreException("QuestDB suspended the WAL table " + table
                        + "; see its log and resume it with ALTER TABLE ... RESUME WAL", null);
            }
            target = target < 0 ? row.get(1).asLong() : target;
            if (row.get(0).asLong() >= target) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException("QuestDB has not applied the write-ahead log of " + table + " within "
                        + APPLY_TIMEOUT.toMillis() + " ms", null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** True when QuestDB answers {@code /ping}. Never throws. */
    boolean isReachable() {
        try {
            return get("/ping").statusCode() / 100 == 2;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery)).timeout(HTTP_TIMEOUT)
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling QuestDB", e);
        }
    }

    /** Runs {@code sql} with its bound values and hands each row to {@code reader}. */
    void query(Sql sql, RowReader reader) {
        try (Connection c = pool().getConnection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("QuestDB query failed: " + e.getMessage(), e);
        }
    }

    /** Runs a statement without results, e.g. dropping partitions. */
    void execute(Sql sql) {
        try (Connection c = pool().getConnection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            ps.execute();
        } catch (SQLException e) {
            throw new StoreException("QuestDB refused " + sql.text() + ": " + e.getMessage(), e);
        }
    }

    private synchronized AgroalDataSource pool() {
        if (pool == null) {
            String jdbcUrl = settings.questDbPgUrl();
            if (jdbcUrl == null) {
                throw new IllegalStateException("this QuestDB store was opened for writing only: its settings "
                        + "name no PostgreSQL-wire URL (StoreSettings.withQuestDbPg)");
            }
            try {
                pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(cp -> cp.maxSize(POOL_SIZE).connectionFactoryConfiguration(cf -> cf
                                .jdbcUrl(jdbcUrl)
                                .principal(new NamePrincipal(settings.questDbPgUser()))
                                .credential(new SimplePassword(settings.questDbPgPassword())))));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the QuestDB connection pool for " + jdbcUrl, e);
            }
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
