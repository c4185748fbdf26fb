package io.jieneng.analytics.platform;

import io.jieneng.analytics.alert.AlertsConfig;
import io.jieneng.analytics.alert.webhook.WebhookConfig;
import io.jieneng.analytics.calendar.CalendarConfig;
import io.jieneng.analytics.quota.QuotaConfig;
import io.jieneng.ingest.config.ConfigKeys;

import java.util.List;

/**
 * Every configuration mapping of the platform; {@link JienengConfig} brings the ingest's keys with it. The tests
 * hold docs/CONFIG.md and the deployment files against {@link #keys()}, and check this list against the
 * {@code @ConfigMapping} interfaces in the code.
 */
public final class ConfigMappings {

    public static final List<Class<?>> ALL = List.of(JienengConfig.class, AlertsConfig.class, WebhookConfig.class,
            QuotaConfig.class, CalendarConfig.class);

    private ConfigMappings() {
    }

    /** Every key the platform's mappings declare. */
    public static List<ConfigKeys.Key> keys() {
        return ConfigKeys.of(ALL);
    }
}
