package io.jieneng.dashboards;

import static io.jieneng.dashboards.Datasource.PROMETHEUS;

/**
 * The ingest's own metrics (docs/INGEST.md, "Metrics"), from Prometheus: one series per ingest instance, or the
 * analytics process when ingest runs in-process.
 */
final class IngestHealthDashboard {

    private static final String SEL = "{instance=~\"$instance\"}";
    private static final String RATE = "[$__rate_interval]";

    private IngestHealthDashboard() {
    }

    static Dashboard build() {
        Dashboard d = new Dashboard("jieneng-ingest-health", "Jieneng · Ingest health",
                "jieneng_ingest_* metrics of every ingest instance (standalone /metrics, or analytics' /q/metrics "
                        + "with in-process ingest).")
                .time("now-1h", "now").refresh("30s")
                .variable(Variable.query("instance", "Instance", PROMETHEUS,
                        "label_values(jieneng_ingest_connections, instance)", true, true, ".*"));
        d.panel(stat("Open connections", "sum(jieneng_ingest_connections" + SEL + ")", "none"))
                .panel(stat("Readings stored / s", "sum(rate(jieneng_ingest_readings_total" + SEL + RATE + "))",
                        "short"))
                .panel(stat("Pending readings", "sum(jieneng_ingest_pending_readings" + SEL + ")", "none"))
                .panel(stat("Bridges connected", "sum(jieneng_ingest_bridge_connected" + SEL + ")", "none"));
        d.panel(series("Messages stored / s by QoS",
                "sum by (qos) (rate(jieneng_ingest_messages_total" + SEL + RATE + "))", "QoS {{qos}}", "short"));
        d.panel(series("Readings stored / s by instance",
                "sum by (instance) (rate(jieneng_ingest_readings_total" + SEL + RATE + "))", "{{instance}}", "short"));
        d.panel(series("Store write latency", "histogram_quantile(0.5, sum by (le) (rate("
                + "jieneng_ingest_write_seconds_bucket" + SEL + RATE + ")))", "p50", "s")
                .target(Target.prometheus("B", "histogram_quantile(0.99, sum by (le) (rate("
                        + "jieneng_ingest_write_seconds_bucket" + SEL + RATE + ")))", "p99")));
        d.panel(series("Readings per store write", "sum(rate(jieneng_ingest_batch_size_readings_sum" + SEL + RATE
                + ")) / sum(rate(jieneng_ingest_batch_size_readings_count" + SEL + RATE + "))", "mean", "short"));
        d.panel(series("Back-pressure", "sum by (instance) (jieneng_ingest_queue_depth" + SEL + ")",
                "queued messages {{instance}}", "short")
                .target(Target.prometheus("B", "sum by (instance) (jieneng_ingest_paused_channels" + SEL + ")",
                        "paused connections {{instance}}"))
                .target(Target.prometheus("C", "sum by (instance) (jieneng_ingest_quarantine_pending" + SEL + ")",
                        "quarantine inserts waiting {{instance}}")));
        d.panel(series("Store write failures / s", "sum by (instance) (rate(jieneng_ingest_write_failures_total"
                + SEL + RATE + "))", "{{instance}}", "short"));
        d.panel(series("Refused messages / s by reason", "sum by (reason) (rate(jieneng_ingest_rejected_total"
                + SEL + RATE + "))", "{{reason}}", "short"));
        d.panel(series("Refused CONNECTs / s by reason", "sum by (reason) (rate("
                + "jieneng_ingest_connect_refused_total" + SEL + RATE + "))", "{{reason}}", "short"));
        d.panel(series("Connections closed by the server / s", "sum by (reason) (rate("
                + "jieneng_ingest_disconnects_total" + SEL + RATE + "))", "{{reason}}", "short")
                .target(Target.prometheus("B", "sum by (reason) (rate(jieneng_ingest_protocol_violations_total"
                        + SEL + RATE + "))", "protocol violation: {{reason}}")));
        d.panel(series("Sessions", "sum by (state) (jieneng_ingest_sessions" + SEL + ")", "{{state}}", "short"));
        d.panel(series("Bridge deliveries in flight", "sum by (instance) (jieneng_ingest_bridge_inflight" + SEL + ")",
                "{{instance}}", "short"));
        d.panel(series("Unexpected connection errors", "sum(increase(jieneng_ingest_errors_total" + SEL + RATE
                + "))", "errors", "short"));
        d.panel(series("JVM heap used", "sum by (instance) (jvm_memory_used_bytes{area=\"heap\", "
                + "instance=~\"$instance\"})", "{{instance}}", "bytes"));
        return d;
    }

    private static Panel stat(String title, String expr, String unit) {
        return Panel.stat(title, PROMETHEUS).size(6, 4).unit(unit).target(Target.prometheus("A", expr, title));
    }

    private static Panel series(String title, String expr, String legend, String unit) {
        return Panel.timeSeries(title, PROMETHEUS).size(12, 8).unit(unit).target(Target.prometheus("A", expr, legend));
    }
}
