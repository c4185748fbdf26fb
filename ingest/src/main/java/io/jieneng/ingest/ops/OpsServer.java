package io.jieneng.ingest.ops;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

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
                case "/health/live" -> send(exchange, 200, JSON, health(Map.of()));
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Operations endpoint failed on %s", exchange.getRequestURI());
        }
    }

    private void ready(HttpExchange exchange) throws IOException {
        Map<String, Boolean> results = new LinkedHashMap<>();
        readiness.forEach((name, check) -> results.put(name, check.getAsBoolean()));
        send(exchange, results.containsValue(false) ? 503 : 200, JSON, health(results));
    }

    /**
     * The MicroProfile Health body for these check results (name to passed), in their order: {@code UP} when all
     * passed. Jackson writes it, so any check name comes out as valid JSON.
     */
    static String health(Map<String, Boolean> results) {
        List<Check> checks = new ArrayList<>();
        results.forEach((name, ok) -> checks.add(new Check(name, status(ok))));
        try {
            return WRITER.writeValueAsString(new Health(status(!results.containsValue(false)), checks));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a health body", e);
        }
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }

    @JsonPropertyOrder({"status", "checks"})
    private record Health(String status, List<Check> checks) {
    }

    @JsonPropertyOrder({"name", "status"})
    private record Check(String name, String status) {
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
