package io.jieneng.analytics.alert.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One webhook exchange: the POST, signed, and its answer, bounded in time and size. The receiver can prove a
 * delivery came from this platform and is fresh (docs/ALERTS.md): {@code X-Jieneng-Timestamp} carries the Unix
 * seconds of sending, {@code X-Jieneng-Signature} is {@code v1=} and the hex HMAC-SHA-256, keyed with the
 * configured secret, of the timestamp, a full stop and the body's bytes. The whole exchange (connecting, sending,
 * the answer's head and body) must end within the timeout, so a receiver that answers one byte at a time cannot
 * hold a sender; only the first {@link #MAX_BODY_BYTES} of the answer's body are read (it serves as an excerpt in
 * the delivery log), then the connection is dropped.
 */
final class WebhookSender {

    static final String TIMESTAMP_HEADER = "X-Jieneng-Timestamp";
    static final String SIGNATURE_HEADER = "X-Jieneng-Signature";
    static final String SIGNATURE_VERSION = "v1=";
    /** Enough for the 200-character excerpt the delivery log keeps, in any script. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    private final HttpClient http;
    private final byte[] secret;
    private final Duration timeout;
    private final Clock clock;

    WebhookSender(HttpClient http, String secret, Duration timeout, Clock clock) {
        this.http = http;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** POSTs {@code payload} to {@code url}; fails with {@link HttpTimeoutException} when the timeout runs out. */
    CompletableFuture<HttpResponse<String>> send(URI url, long deliveryId, long alertId, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Jieneng-Delivery", Long.toString(deliveryId))
                .header("X-Jieneng-Alert", Long.toString(alertId))
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, SIGNATURE_VERSION + sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        CompletableFuture<HttpResponse<String>> result = new CompletableFuture<>();
        CappedBody[] bodies = new CappedBody[1];
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, info -> {
            bodies[0] = new CappedBody(MAX_BODY_BYTES);
            return bodies[0];
        });
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(response);
            }
        });
        // The request timeout above covers only the wait for the answer's head; this bounds everything.
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (result.completeExceptionally(new HttpTimeoutException("no complete answer within "
                    + timeout.toSeconds() + " s (JIENENG_ALERT_WEBHOOK_TIMEOUT_SECONDS)"))) {
                CappedBody b = bodies[0];
                if (b != null) {
                    b.abort();
                }
                exchange.cancel(true);
            }
        });
        return result;
    }

    /** The hex HMAC-SHA-256 of {@code timestamp + "." + body} under {@code secret}. */
    static String sign(byte[] secret, String timestamp, byte[] body) {
        if (secret.length == 0) {
            // Left in the outbox from when URLs were set, now without a secret: never sent unsigned.
            throw new IllegalStateException("JIENENG_ALERT_WEBHOOK_SECRET is not set; the delivery is not sent "
                    + "unsigned");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Keeps the first {@code cap} bytes of a body, then cancels the rest of it (the connection is closed). */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String> {

        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), cap - kept.size());
                byte[] bytes = new byte[n];
                b.get(bytes);
                kept.write(bytes, 0, n);
            }
            if (kept.size() >= cap) {
                subscription.cancel();
                finish();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            finish();
        }

        void abort() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            body.completeExceptionally(new HttpTimeoutException("the answer took too long"));
        }

        private void finish() {
            // A cut may split a multi-byte character: the decoder replaces the broken end, which an excerpt can afford.
            body.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
