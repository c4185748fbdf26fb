package io.jieneng.analytics.alert.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook exchange against a real local HTTP receiver (a plain socket, so the test controls every byte). */
class WebhookSenderTest {

    private static final String SECRET = "5d0c8e2b9a4f7163e8b2c9d04a6f1e37";
    private static final String PAYLOAD = "{\"alert\":{\"id\":7,\"institution\":\"能耗局\"},\"event\":\"opened\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReceiverVerifiesTheSignatureOverTimestampAndBodyWithTheSharedSecret() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] received = new byte[1][];
        serve(socket -> {
            received[0] = readRequest(socket.getInputStream(), headers);
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        });
        Instant sent = Instant.parse("2026-12-08T02:00:00Z");
        HttpResponse<String> response = sender(Duration.ofSeconds(5), Clock.fixed(sent, java.time.ZoneOffset.UTC))
                .send(url(), 11, 7, PAYLOAD).get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(new String(received[0], StandardCharsets.UTF_8)).isEqualTo(PAYLOAD);
        String timestamp = headers.get("x-jieneng-timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(sent.getEpochSecond()));
        // What docs/ALERTS.md tells a receiver to compute, written here independently of WebhookSender.sign.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(received[0]));
        assertThat(headers.get("x-jieneng-signature")).isEqualTo(expected);
        assertThat(headers.get("x-jieneng-delivery")).isEqualTo("11");

        // Another body, or the same body with another timestamp, does not verify: a replay cannot move the time.
        assertThat(WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8), timestamp,
                (PAYLOAD + " ").getBytes(StandardCharsets.UTF_8))).isNotEqualTo(expected.substring(3));
        assertThat(WebhookSender.sign(SECRET.getBytes(StandardCharsets.UTF_8),
                Long.toString(sent.getEpochSecond() + 600), received[0])).isNotEqualTo(expected.substring(3));
    }

    @Test
    void aReceiverThatDripsItsAnswerIsCutAtTheTotalTimeout() throws Exception {
        serve(socket -> {
            readRequest(socket.getInputStream(), new LinkedHashMap<>());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 100_000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        });
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> f = sender(Duration.ofSeconds(2), Clock.systemUTC())
                .send(url(), 1, 1, PAYLOAD);
        assertThatThrownBy(() -> f.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMillis).isBetween(1_900L, 6_000L);
    }

    @Test
    void aHugeAnswerIsNotReadBeyondTheCap() throws Exception {
        AtomicLong written = new AtomicLong();
        CompletableFuture<Void> serverDone = new CompletableFuture<>();
        serve(socket -> {
            readRequest(socket.getInputStream(), new LinkedHashMap<>());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 500 Server Error\r\nContent-Length: 4000000000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "error ".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            try {
                while (written.get() < 4_000_000_000L) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } finally {
                serverDone.complete(null);
            }
        });
        HttpResponse<String> response = sender(Duration.ofSeconds(60), Clock.systemUTC())
                .send(url(), 1, 1, PAYLOAD).get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).hasSize(WebhookSender.MAX_BODY_BYTES);
        assertThat(response.body()).startsWith("error error");
        // The client dropped the connection: the server's writes fail soon, after socket buffers' worth of bytes.
        serverDone.get(20, TimeUnit.SECONDS);
        assertThat(written.get()).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void withoutASecretNothingIsSentUnsigned() {
        WebhookSender unsigned = new WebhookSender(http, "", Duration.ofSeconds(5), Clock.systemUTC());
        assertThatThrownBy(() -> unsigned.send(URI.create("http://127.0.0.1:9/hook"), 1, 1, PAYLOAD))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JIENENG_ALERT_WEBHOOK_SECRET");
    }

    private WebhookSender sender(Duration timeout, Clock clock) {
        return new WebhookSender(http, SECRET, timeout, clock);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook");
    }

    private interface Handler {
        void handle(Socket socket) throws Exception;
    }

    private void serve(Handler handler) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket socket = server.accept()) {
                handler.handle(socket);
            } catch (Exception closed) {
                // The client cut the exchange, or the test ended: both are expected here.
            }
        }, "webhook-receiver");
        t.setDaemon(true);
        t.start();
    }

    /** Reads the request head into {@code headers} (lower-case names) and returns the body. */
    private static byte[] readRequest(InputStream in, Map<String, String> headers) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        boolean first = true;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String l = line.toString().strip();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                if (!first) {
                    int colon = l.indexOf(':');
                    headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
                }
                first = false;
            } else {
                line.append((char) c);
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return in.readNBytes(length);
    }
}
