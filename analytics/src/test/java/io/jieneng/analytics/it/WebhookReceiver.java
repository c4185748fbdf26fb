package io.jieneng.analytics.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint (the JDK's HttpServer) for webhook tests: {@code /flaky} answers 503 to the first two
 * requests of each delivery (by its {@code X-Jieneng-Delivery} header) and 204 after; {@code /down} always
 * answers 500. It keeps every request it answered.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Request(String path, String delivery, int answered, String body, String timestamp, String signature) {

        /** True when the signature is what docs/ALERTS.md tells a receiver to check, under {@code secret}. */
        boolean signedWith(String secret) throws Exception {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            String expected = "v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(
                    StandardCharsets.UTF_8)));
            return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    String.valueOf(signature).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> flakyCounts = new ConcurrentHashMap<>();

    WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/flaky", ex -> answer(ex, flakyCounts.computeIfAbsent(delivery(ex),
                k -> new AtomicInteger()).incrementAndGet() <= 2 ? 503 : 204));
        server.createContext("/down", ex -> answer(ex, 500));
        server.start();
    }

    private void answer(HttpExchange ex, int status) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(ex.getRequestURI().getPath(), delivery(ex), status, body,
                ex.getRequestHeaders().getFirst("X-Jieneng-Timestamp"),
                ex.getRequestHeaders().getFirst("X-Jieneng-Signature")));
        byte[] reply = status == 204 ? new byte[0] : "receiver says no".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, status == 204 ? -1 : reply.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(reply);
        }
    }

    private static String delivery(HttpExchange ex) {
        return ex.getRequestHeaders().getFirst("X-Jieneng-Delivery");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
