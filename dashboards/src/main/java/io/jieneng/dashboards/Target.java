package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

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

    /**
     * A GET of Jieneng's REST API through the Infinity datasource, parsed by its backend parser: {@code url} is
     * relative to the datasource's URL, each {@code params} pair is a query parameter (Grafana variables allowed,
     * Infinity URL-encodes the values), {@code root} selects the rows (JSONata; empty: the whole answer is one row)
     * and {@code columns} pick and type the fields. No header is set here: the datasource forwards the viewer's
     * token.
     */
    public static ObjectNode rest(String refId, String format, String url, List<String[]> params, String root,
                                  List<ObjectNode> columns) {
        ObjectNode t = base(refId, Datasource.JIENENG_API);
        t.put("type", "json");
        t.put("source", "url");
        t.put("parser", "backend");
        t.put("format", format);
        t.put("url", url);
        ObjectNode options = Json.object();
        options.put("method", "GET");
        options.put("data", "");
        ArrayNode list = Json.array();
        for (String[] p : params) {
            ObjectNode kv = Json.object();
            kv.put("key", p[0]);
            kv.put("value", p[1]);
            list.add(kv);
        }
        options.set("params", list);
        options.set("headers", Json.array());
        t.set("url_options", options);
        t.put("root_selector", root);
        ArrayNode cols = Json.array();
        columns.forEach(cols::add);
        t.set("columns", cols);
        t.set("filters", Json.array());
        return t;
    }

    /** A column of an Infinity query: the JSON field {@code selector}, shown as {@code text}, of {@code type}. */
    public static ObjectNode column(String selector, String text, String type) {
        ObjectNode c = Json.object();
        c.put("selector", selector);
        c.put("text", text);
        c.put("type", type);
        return c;
    }

    private static ObjectNode base(String refId, Datasource ds) {
        ObjectNode t = Json.object();
        t.put("refId", refId);
        t.set("datasource", ds.ref());
        return t;
    }
}
