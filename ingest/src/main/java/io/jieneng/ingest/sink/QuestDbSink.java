package io.jieneng.ingest.sink;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.questdb.client.Sender;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes readings to QuestDB over ILP/HTTP: one HTTP request per batch, which QuestDB commits as a whole, then a
 * second request with the batch's arrival markers (docs/ROLLUPS.md). The tables are created through
 * {@code /exec} before the first write (the first write retries until QuestDB is up), so ILP never auto-creates
 * them without the intended layout.
 */
public final class QuestDbSink implements ReadingSink {

    private static final Logger LOG = Logger.getLogger(QuestDbSink.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    /*
     * Every flush, its retries included, ends within about request + retry + request timeouts + 1 s of backoff
     * (the client retries until retry_timeout after the first failure, and the last try may run its full time):
     * about 10.5 s, inside ReadingSinks.WRITE_ATTEMPT_BOUND. The minimum throughput adds 1 s per MiB sent.
     */
    private static final String BOUNDED_FLUSH = "request_timeout=3000;retry_timeout=3000;"
            + "request_min_throughput=1048576;";

    private final URI baseUri;
    private final String table;
    private final String arrivals;
    private final List<String> createTables;
    private final String senderConfig;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private Sender sender;
    private volatile boolean tableReady;

    /**
     * @param httpUrl     QuestDB's HTTP endpoint, e.g. {@code http://127.0.0.1:9000}
     * @param tablePrefix prepended to {@link ReadingSchema#TABLE} and {@link ReadingSchema#ARRIVALS}
     */
    public QuestDbSink(String httpUrl, String tablePrefix) {
        this(httpUrl, tablePrefix, Clock.systemUTC());
    }

    /** @param clock the time of the arrival markers */
    public QuestDbSink(String httpUrl, String tablePrefix, Clock clock) {
        this.baseUri = URI.create(httpUrl.endsWith("/") ? httpUrl.substring(0, httpUrl.length() - 1) : httpUrl);
        this.table = ReadingSchema.questDbTable(tablePrefix);
        this.arrivals = ReadingSchema.questDbArrivalsTable(tablePrefix);
        this.createTables = List.of(ReadingSchema.questDbCreateTable(tablePrefix),
                ReadingSchema.questDbCreateArrivals(tablePrefix));
        this.clock = clock;
        int port = baseUri.getPort() > 0 ? baseUri.getPort() : 9000;
        this.senderConfig = baseUri.getScheme() + "::addr=" + baseUri.getHost() + ":" + port + ";auto_flush=off;"
                + BOUNDED_FLUSH;
        try {
            ensureTable();
        } catch (IOException e) {
            LOG.warnf("QuestDB at %s is not reachable yet; the table is created before the first write: %s",
                    httpUrl, e.toString());
        }
    }

    /** The table written to, prefix included. */
    public String table() {
        return table;
    }

    @Override
    public void write(List<Reading> batch) throws Exception {
        ensureTable();
        if (sender == null) {
            sender = Sender.fromConfig(senderConfig);
        }
        try {
            for (Reading r : batch) {
                sender.table(table).symbol(ReadingSchema.METER, r.meterId());
                for (ReadingField f : ReadingField.values()) {
                    Double v = r.get(f);
                    if (v != null) {
                        sender.doubleColumn(ReadingSchema.column(f), v);
                    }
                }
                sender.at(r.tsMillis(), ChronoUnit.MILLIS);
            }
            sender.flush();
            // A separate commit, after the readings are durable: a marker never points at readings not yet stored.
            long markerMillis = clock.millis();
            for (Arrival a : Arrival.of(batch)) {
                sender.table(arrivals).symbol(ReadingSchema.METER, a.meterId())
                        .longColumn(ReadingSchema.FROM_TS, a.fromMillis())
                        .longColumn(ReadingSchema.TO_TS, a.toMillis())
                        .at(markerMillis, ChronoUnit.MILLIS);
            }
            sender.flush();
        } catch (RuntimeException e) {
            // A fresh sender for the retry: the failed one may hold half a batch.
            discardSender();
            throw e;
        }
    }

    private void ensureTable() throws IOException {
        if (tableReady) {
            return;
        }
        for (String ddl : createTables) {
            HttpResponse<String> response = get("/exec?query=" + URLEncoder.encode(ddl, StandardCharsets.UTF_8));
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IOException("QuestDB refused " + ddl + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
        }
        tableReady = true;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery)).timeout(HTTP_TIMEOUT)
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling QuestDB", e);
        }
    }

    @Override
    public boolean isReachable() {
        try {
            return get("/ping").statusCode() / 100 == 2;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void discardSender() {
        Sender s = sender;
        sender = null;
        if (s != null) {
            try {
                s.reset();
                s.close();
            } catch (RuntimeException ignored) {
                // The sender is being thrown away; its buffer was never acknowledged.
            }
        }
    }

    @Override
    public void close() {
        discardSender();
    }
}
