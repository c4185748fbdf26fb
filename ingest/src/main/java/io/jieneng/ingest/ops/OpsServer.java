package io.jieneng.ingest.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The standalone ingest's operations endpoint, on the JDK's HTTP server:
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text format (0.0.4);</li>
 *   <li>{@code GET /health/ready}: 200 when every readiness check passes (the store answers), 503 otherwise, with
 *       a JSON body in the shape of MicroProfile Health, as analytics serves it;</li>
 *   <li>{@code GET /health/live}: 200 while the process serves HTTP at all.</li>
 * </ul>
 * Checks run on the request's thread, off the MQTT event loops and the writer.
 */
public final class OpsServer implements AutoCloseable {

    /** The content type of the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = Logger.getLogger(OpsServer.class);
    private static final String JSON = "application/json";

    private final OpsConfig config;
    private final Supplier<String> metrics;
    private final Map<String, BooleanSupplier> readiness;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param metrics   renders the Prometheus text (e.g. {@code PrometheusMeterRegistry::scrape})
     * @param readiness named checks, all of which must pass for {@code /health/ready}; each must not throw
     */
    public OpsServer(OpsConfig config, Supplier<String> metrics, Map<String, BooleanSupplier> readiness) {
        this.config = config;
        this.metrics = metrics;
        this.readiness = new LinkedHashMap<>(readiness);
    }

    /** Binds and starts serving. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        // Two threads: a slow readiness probe (the store timing out) must not hold up a scrape.
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "jieneng-ingest-ops");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
        server = http;
        LOG.infof("Metrics at http://%s:%d/metrics, readiness at /health/ready", config.host(), port());
    }

    /** The bound port (useful when configured with 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, metrics.get());
                case "/health/ready" -> ready(exchange);
                case "/health/live" -> send(exchange, 200, JSON, "{\"status\":\"UP\",\"checks\":[]}");
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Operations endpoint failed on %s", exchange.getRequestURI());
        }
    }

    private void ready(HttpExchange exchange) throws IOException {
        boolean up = true;
        StringBuilder checks = new StringBuilder();
        for (Map.Entry<String, BooleanSupplier> check : readiness.entrySet()) {
            boolean ok = check.getValue().getAsBoolean();
            up &= ok;
            checks.append(checks.isEmpty() ? "" : ",").append("{\"name\":\"").append(check.getKey())
                    .append("\",\"status\":\"").append(ok ? "UP" : "DOWN").append("\"}");
        }
        send(exchange, up ? 200 : 503, JSON,
                "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":[" + checks + "]}");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
