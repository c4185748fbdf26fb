package io.jieneng.analytics.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's meters. Prometheus shows them as {@code jieneng_alert_run_seconds},
 * {@code jieneng_alerts_unresolved{type}}, {@code jieneng_alert_changes_total{change}} and
 * {@code jieneng_alert_check_failures_total}.
 */
final class AlertMetrics {

    private final Timer run;
    private final Map<AlertType, AtomicLong> unresolved = new EnumMap<>(AlertType.class);
    private final Counter opened;
    private final Counter reopened;
    private final Counter resolved;
    private final Counter checkFailures;

    AlertMetrics(MeterRegistry registry) {
        run = Timer.builder("jieneng.alert.run").description("Duration of an alert engine run").register(registry);
        for (AlertType t : AlertType.values()) {
            AtomicLong n = new AtomicLong();
            unresolved.put(t, n);
            Gauge.builder("jieneng.alerts.unresolved", n, AtomicLong::get).tag("type", t.jsonName())
                    .description("Open and acknowledged alerts after the last run").register(registry);
        }
        opened = change(registry, "opened");
        reopened = change(registry, "reopened");
        resolved = change(registry, "resolved");
        checkFailures = Counter.builder("jieneng.alert.check.failures")
                .description("Alert checks that failed (their alerts stay as they were)").register(registry);
    }

    private static Counter change(MeterRegistry registry, String change) {
        return Counter.builder("jieneng.alert.changes").tag("change", change)
                .description("Alert state changes made by the engine").register(registry);
    }

    Timer run() {
        return run;
    }

    void ran(Reconciler.Plan plan, int failures, Map<AlertType, Long> counts) {
        opened.increment(plan.opens().size());
        reopened.increment(plan.reopens().size());
        resolved.increment(plan.resolves().size());
        checkFailures.increment(failures);
        counts.forEach((t, n) -> unresolved.get(t).set(n));
    }
}
