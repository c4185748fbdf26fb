package io.jieneng.analytics.alert;

import io.jieneng.analytics.alert.webhook.WebhookService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs the alert engine on {@code JIENENG_ALERTS_CRON} and sends due webhooks every few seconds. */
@ApplicationScoped
public class AlertJob {

    @Inject
    AlertService alerts;

    @Inject
    WebhookService webhooks;

    @Scheduled(identity = "alert-engine", cron = "${jieneng.alerts.cron:0 * * * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluate() {
        alerts.runNow();
    }

    @Scheduled(identity = "alert-webhooks", every = "${jieneng.alert-webhook.poll-seconds:2}s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        webhooks.deliverDue();
    }
}
