package io.jieneng.analytics.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link FreshPlatform} whose alert engine runs every 2 seconds and evaluates every check on each run, and whose
 * webhook posts to two paths of a receiver the test starts on a port chosen here ({@code /flaky} and
 * {@code /down}), retrying quickly: 4 attempts, 1 s then 2 s apart.
 */
public class WebhookPlatform extends FreshPlatform {

    /** The webhook signing key the platform is given; receivers check every delivery's signature with it. */
    static final String SECRET = "c3a1f09e7b2d4c6a8e5f1b0d9c7a3e2f";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("jieneng.alerts.cron", "*/2 * * * * ?");
        config.put("jieneng.alerts.energy-checks-every-minutes", "0");
        config.put("jieneng.alert-webhook.urls", "http://127.0.0.1:" + port + "/flaky,http://127.0.0.1:" + port
                + "/down?token=secret");
        config.put("jieneng.alert-webhook.secret", SECRET);
        config.put("jieneng.alert-webhook.max-attempts", "4");
        config.put("jieneng.alert-webhook.initial-backoff-seconds", "1");
        config.put("jieneng.alert-webhook.max-backoff-seconds", "2");
        config.put("jieneng.alert-webhook.timeout-seconds", "2");
        config.put("jieneng.alert-webhook.poll-seconds", "1");
        return config;
    }
}
