package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Template variables, in the shape Grafana stores them. */
public final class Variable {

    /** Hidden entirely: neither label nor value shows in the variable bar. */
    public static final int HIDE = 2;
    /** Custom "All" value for InfluxDB regex filters: {@code /^.*$/} matches every tag value without a long regex. */
    public static final String ALL_REGEX = ".*";

    private Variable() {
    }

    /**
     * A variable filled by a query, refreshed when the dashboard loads ({@code refresh: 1}) or, with
     * {@code onTimeChange}, whenever the time range changes ({@code refresh: 2}).
     *
     * @param allValue the value of "All" (null: Grafana sends every option, which SQL {@code IN (...)} needs)
     */
    public static ObjectNode query(String name, String label, Datasource ds, String query, boolean multi,
                                   boolean includeAll, String allValue) {
        ObjectNode v = Json.object();
        v.put("name", name);
        v.put("label", label);
        v.put("type", "query");
        v.set("datasource", ds.ref());
        v.put("query", query);
        v.put("definition", query);
        v.put("refresh", 1);
        v.put("multi", multi);
        v.put("includeAll", includeAll);
        if (allValue != null) {
            v.put("allValue", allValue);
        }
        v.put("sort", 1);
        v.put("regex", "");
        v.put("hide", 0);
        v.set("current", Json.object());
        v.set("options", Json.array());
        return v;
    }

    /**
     * A single-value variable whose options come from Jieneng's REST API through the Infinity datasource (its
     * variable query editor's shape): the {@code column} of the rows {@code root} selects in the answer of
     * {@code url}. The API answers with what the viewer may read, so the options are already scoped.
     */
    public static ObjectNode rest(String name, String label, String url, String root, String column) {
        ObjectNode v = Json.object();
        v.put("name", name);
        v.put("label", label);
        v.put("type", "query");
        v.set("datasource", Datasource.JIENENG_API.ref());
        ObjectNode query = Json.object();
        query.put("queryType", "infinity");
        query.put("refId", "variable");
        query.set("infinityQuery", Target.rest("variable", "table", url, java.util.List.of(), root,
                java.util.List.of(Target.column(column, column, "string"))));
        v.set("query", query);
        v.put("refresh", 1);
        v.put("multi", false);
        v.put("includeAll", false);
        v.put("sort", 1);
        v.put("regex", "");
        v.put("hide", 0);
        v.set("current", Json.object());
        v.set("options", Json.array());
        return v;
    }

    /** A query variable nobody picks: it carries a registry value (a quota, a capacity) into other queries. */
    public static ObjectNode hiddenQuery(String name, Datasource ds, String query) {
        ObjectNode v = query(name, name, ds, query, false, false, null);
        v.put("hide", HIDE);
        v.put("refresh", 2);
        return v;
    }

    /** A hidden constant, e.g. the deployment time zone. */
    public static ObjectNode constant(String name, String value, String description) {
        ObjectNode v = Json.object();
        v.put("name", name);
        v.put("type", "constant");
        v.put("query", value);
        v.put("hide", HIDE);
        v.put("description", description);
        ObjectNode current = Json.object();
        current.put("text", value);
        current.put("value", value);
        v.set("current", current);
        return v;
    }
}
