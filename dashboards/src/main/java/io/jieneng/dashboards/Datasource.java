package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The datasources the dashboards use, by the uid under which {@code dashboards/provisioning/datasources} provisions
 * them; a dashboard refers to a datasource by type and uid only, so renaming one in Grafana breaks nothing.
 */
public enum Datasource {
    /** The time-series store: readings and the rollups energy_hourly / energy_daily (InfluxQL). */
    INFLUX("influxdb", "jieneng-influxdb"),
    /**
     * The registry database (PostgreSQL), read-only and limited to the tables of dashboards/sql/grafana-reader.sql:
     * what InfluxDB does not hold (floor areas, PV capacities, quotas, data-centre meters, reporting intervals).
     */
    REGISTRY("grafana-postgresql-datasource", "jieneng-registry"),
    /** Prometheus scraping the ingest metrics (analytics' /q/metrics, or each standalone ingest's /metrics). */
    PROMETHEUS("prometheus", "jieneng-prometheus"),
    /**
     * Jieneng's own REST API through Grafana's Infinity plugin, forwarding the viewer's OpenID Connect token
     * ({@code oauthPassThru}): the API's scope checks decide what a viewer sees, not the datasource's credential.
     * The only datasource of the institution-facing dashboards.
     */
    JIENENG_API("yesoreyeram-infinity-datasource", "jieneng-api"),
    /** Grafana's built-in pseudo-datasource for panels whose targets use different datasources. */
    MIXED("datasource", "-- Mixed --");

    private final String type;
    private final String uid;

    Datasource(String type, String uid) {
        this.type = type;
        this.uid = uid;
    }

    public String type() {
        return type;
    }

    public String uid() {
        return uid;
    }

    /** The {@code {"type", "uid"}} reference panels, targets and variables carry. */
    public ObjectNode ref() {
        ObjectNode ref = Json.object();
        ref.put("type", type);
        ref.put("uid", uid);
        return ref;
    }
}
