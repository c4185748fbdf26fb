package io.jieneng.analytics.alert.webhook;

import io.jieneng.ingest.config.Allowed;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Webhook notification of alert state changes ({@code JIENENG_ALERT_WEBHOOK_*}, docs/ALERTS.md). */
@ConfigMapping(prefix = "jieneng.alert-webhook")
public interface WebhookConfig {

    /** Comma-separated URLs; every alert state change is POSTed to each. None: no webhook. */
    Optional<List<String>> urls();

    /** Attempts per delivery before it is given up (state failed, logged, visible in the delivery log). */
    @WithDefault("10")
    @WithConverter(Allowed.Positive.class)
    int maxAttempts();

    /** Wait before the first retry; it doubles after every failure. */
    @WithDefault("10")
    @WithConverter(Allowed.Positive.class)
    int initialBackoffSeconds();

    /** The longest wait between two attempts. */
    @WithDefault("3600")
    @WithConverter(Allowed.Positive.class)
    int maxBackoffSeconds();

    /**
     * The key every delivery is signed with (HMAC-SHA-256, docs/ALERTS.md), shared with the receivers; required
     * when URLs are set, at least {@value WebhookService#MIN_SECRET_LENGTH} characters.
     */
    Optional<String> secret();

    /** How long one attempt may take as a whole: connecting, sending, and the answer's head and body. */
    @WithDefault("10")
    @WithConverter(Allowed.Positive.class)
    int timeoutSeconds();

    /** How often due deliveries are looked for. */
    @WithDefault("2")
    @WithConverter(Allowed.Positive.class)
    int pollSeconds();
}
