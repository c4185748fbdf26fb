package io.jieneng.analytics.alert.webhook;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.node.TimeSeriesStore;
import io.jieneng.analytics.registry.RegistryService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the webhook outbox (docs/ALERTS.md): every due delivery is POSTed once per poll, all of a batch in
 * parallel; a 2xx answer delivers it, anything else (another status, a timeout, a refused connection) is logged
 * and retried with exponential backoff until the configured attempts are spent, when it is marked failed, logged
 * as an error, counted, and kept in the delivery log for an admin to retry. Delivery is at least once: receivers
 * deduplicate by the {@code X-Jieneng-Delivery} header. Every delivery is signed, and every exchange bounded in time
 * and size ({@link WebhookSender}).
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);
    private static final int BATCH = 50;
    private static final int ERROR_BODY_CHARS = 200;
    /** 32 characters: 128 bits even for a hex secret (docs/ALERTS.md suggests {@code openssl rand -hex 32}). */
    static final int MIN_SECRET_LENGTH = 32;

    @Inject
    WebhookConfig config;

    @Inject
    JienengConfig platform;

    @Inject
    RegistryService registry;

    @Inject
    MeterRegistry meterRegistry;

    Clock clock = Clock.systemUTC();

    private List<String> urls = List.of();
    private DeliveryStore store;
    private WebhookSender sender;
    private Backoff backoff;
    private Counter delivered;
    private Counter retried;
    private Counter failed;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean stopped;

    void start(@Observes @Priority(TimeSeriesStore.STARTUP_PRIORITY + 6) StartupEvent event) {
        urls = config.urls().orElse(List.of()).stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        for (String url : urls) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("JIENENG_ALERT_WEBHOOK_URLS: '" + url + "' is not a URL", e);
            }
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalStateException("JIENENG_ALERT_WEBHOOK_URLS: '" + url
                        + "' is not an absolute http:// or https:// URL");
            }
        }
        if (config.maxAttempts() < 1 || config.initialBackoffSeconds() < 1 || config.timeoutSeconds() < 1
                || config.maxBackoffSeconds() < config.initialBackoffSeconds()) {
            throw new IllegalStateException("JIENENG_ALERT_WEBHOOK_MAX_ATTEMPTS, _INITIAL_BACKOFF_SECONDS and "
                    + "_TIMEOUT_SECONDS must be at least 1, and _MAX_BACKOFF_SECONDS at least the initial backoff");
        }
        String secret = config.secret().map(String::strip).orElse("");
        if (!urls.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("JIENENG_ALERT_WEBHOOK_SECRET must be set, to at least "
                    + MIN_SECRET_LENGTH + " characters, when JIENENG_ALERT_WEBHOOK_URLS is: every delivery is signed "
                    + "with it so that receivers can tell it from a forgery (docs/ALERTS.md); it has "
                    + secret.length());
        }
        backoff = new Backoff(Duration.ofSeconds(config.initialBackoffSeconds()),
                Duration.ofSeconds(config.maxBackoffSeconds()), config.maxAttempts());
        store = new DeliveryStore(registry.dataSource(), platform.timezone());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.timeoutSeconds()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        sender = new WebhookSender(http, secret, Duration.ofSeconds(config.timeoutSeconds()), clock);
        delivered = outcome("delivered");
        retried = outcome("retry");
        failed = outcome("failed");
        Gauge.builder("jieneng.alert.webhook.pending", pending, AtomicLong::get)
                .description("Webhook deliveries waiting to be sent or retried").register(meterRegistry);
        if (!urls.isEmpty()) {
            LOG.infof("alert webhook: every alert change is POSTed to %d URL(s), %d attempts with backoff from %d s",
                    urls.size(), config.maxAttempts(), config.initialBackoffSeconds());
        }
    }

    private Counter outcome(String outcome) {
        return Counter.builder("jieneng.alert.webhook.attempts").tag("outcome", outcome)
                .description("Webhook delivery attempts by outcome").register(meterRegistry);
    }

    /** The configured webhook URLs; empty when none. */
    public List<String> urls() {
        return urls;
    }

    public DeliveryStore store() {
        return store;
    }

    /** Sends what is due now; returns the number of attempts made. Failures are recorded, never thrown. */
    public int deliverDue() {
        if (store == null || stopped) {
            return 0;
        }
        try {
            return sendDue();
        } catch (RuntimeException e) {
            LOG.warnf(e, "webhook sender failed; the deliveries stay queued for the next poll");
            return 0;
        }
    }

    void stop(@Observes @Priority(RegistryService.STARTUP_PRIORITY - 5) ShutdownEvent event) {
        stopped = true;
    }

    private int sendDue() {
        Instant now = clock.instant();
        List<DeliveryStore.Claimed> due = store.claimDue(now, Duration.ofSeconds(config.timeoutSeconds() + 30L),
                BATCH);
        List<CompletableFuture<Void>> attempts = new ArrayList<>(due.size());
        for (DeliveryStore.Claimed d : due) {
            attempts.add(send(d).handle((response, error) -> {
                record(d, response, error);
                return null;
            }));
        }
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
        pending.set(store.count("pending"));
        return due.size();
    }

    private CompletableFuture<HttpResponse<String>> send(DeliveryStore.Claimed d) {
        try {
            return sender.send(URI.create(d.url()), d.id(), d.alertId(), d.payload());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void record(DeliveryStore.Claimed d, HttpResponse<String> response, Throwable error) {
        Instant at = clock.instant();
        int attempts = d.attempts() + 1;
        if (response != null && response.statusCode() / 100 == 2) {
            store.delivered(d.id(), attempts, response.statusCode(), at);
            delivered.increment();
            return;
        }
        Integer status = response == null ? null : response.statusCode();
        String reason = response != null ? "HTTP " + response.statusCode() + bodyExcerpt(response.body())
                : describe(error);
        String target = Delivery.redact(d.url());
        if (backoff.exhausted(attempts)) {
            store.attemptFailed(d.id(), attempts, status, reason, at, null);
            failed.increment();
            LOG.errorf("webhook delivery %d of alert %d to %s failed for good after %d attempts: %s; it stays in "
                    + "the delivery log (GET /api/v1/alerts/%d/deliveries) for an admin to retry", d.id(), d.alertId(),
                    target, attempts, reason, d.alertId());
        } else {
            Instant retryAt = at.plus(backoff.delayAfter(attempts));
            store.attemptFailed(d.id(), attempts, status, reason, at, retryAt);
            retried.increment();
            LOG.warnf("webhook delivery %d of alert %d to %s failed (attempt %d of %d): %s; retrying at %s", d.id(),
                    d.alertId(), target, attempts, config.maxAttempts(), reason, retryAt);
        }
    }

    private static String bodyExcerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > ERROR_BODY_CHARS ? b.substring(0, ERROR_BODY_CHARS) + "..." : b);
    }

    private static String describe(Throwable error) {
        Throwable e = error;
        while (e.getCause() != null && (e instanceof java.util.concurrent.CompletionException
                || e.getMessage() == null)) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
