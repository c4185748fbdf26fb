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
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes readings to QuestDB over ILP/HTTP: one HTTP request per batch, which QuestDB commits as a whole. The
 * table is created through {@code /exec} before the first write (the first write retries until QuestDB is up),
 * so ILP never auto-creates it without the (ts, meter) deduplication.
 */
public final class QuestDbSink implements ReadingSink {

    private static final Logger LOG = Logger.getLogger(QuestDbSink.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUri;
    private final String table;
    private final String createTable;
    private final String senderConfig;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private Sender sender;
    private volatile boolean tableReady;

    /**
     * @param httpUrl     QuestDB's HTTP endpoint, e.g. {@code http://127.0.0.1:9000}
     * @param tablePrefix prepended to {@link ReadingSchema#TABLE}
     */
    public QuestDbSink(String httpUrl, String tablePrefix) {
        this.baseUri = URI.create(httpUrl.endsWith("/") ? httpUrl.substring(0, httpUrl.length() - 1) : httpUrl);
        this.table = ReadingSchema.questDbTable(tablePrefix);
        this.createTable = ReadingSchema.questDbCreateTable(tablePrefix);
        int port = baseUri.getPort() > 0 ? baseUri.getPort() : 9000;
        this.senderConfig = baseUri.getScheme() + "::addr=" + baseUri.getHost() + ":" + port + ";auto_flush=off;";
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
        HttpResponse<String> response = get("/exec?query=" + URLEncoder.encode(createTable, StandardCharsets.UTF_8));
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IOException("QuestDB refused to create " + table + ": HTTP " + response.statusCode() + " "
                    + response.body());
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
