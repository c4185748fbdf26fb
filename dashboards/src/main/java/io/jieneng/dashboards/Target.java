package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Query targets of a panel, one per datasource kind, in the shape Grafana stores them. */
public final class Target {

    private Target() {
    }

    /**
     * A raw InfluxQL query. {@code alias} may use Grafana's alias patterns ({@code $tag_meter}, {@code $col}),
     * which name series and are not query macros.
     */
    public static ObjectNode influx(String refId, String query, String alias) {
        ObjectNode t = base(refId, Datasource.INFLUX);
        t.put("query", query);
        t.put("rawQuery", true);
        t.put("resultFormat", "time_series");
        if (alias != null) {
            t.put("alias", alias);
        }
        return t;
    }

    /** A raw InfluxQL query whose result is a table (tags become columns), for joins and tables. */
    public static ObjectNode influxTable(String refId, String query) {
        ObjectNode t = base(refId, Datasource.INFLUX);
        t.put("query", query);
        t.put("rawQuery", true);
        t.put("resultFormat", "table");
        return t;
    }

    /** A raw SQL query on the registry; {@code format} is {@code time_series} (needs a time column) or {@code table}. */
    public static ObjectNode sql(String refId, String sql, String format) {
        ObjectNode t = base(refId, Datasource.REGISTRY);
        t.put("rawSql", sql);
        t.put("rawQuery", true);
        t.put("editorMode", "code");
        t.put("format", format);
        return t;
    }

    /** A PromQL range query. */
    public static ObjectNode prometheus(String refId, String expr, String legend) {
        ObjectNode t = base(refId, Datasource.PROMETHEUS);
        t.put("expr", expr);
        t.put("legendFormat", legend);
        t.put("range", true);
        t.put("editorMode", "code");
        return t;
    }

    private static ObjectNode base(String refId, Datasource ds) {
        ObjectNode t = Json.object();
        t.put("refId", refId);
        t.set("datasource", ds.ref());
        return t;
    }
}
