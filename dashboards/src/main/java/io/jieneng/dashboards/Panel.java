package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A panel under construction. Only the options the dashboards set are exposed; Grafana fills in the rest with its
 * defaults when it loads the dashboard.
 */
public final class Panel {

    private final ObjectNode node = Json.object();
    private final ObjectNode defaults = Json.object();
    private final ArrayNode overrides = Json.array();
    private final ArrayNode targets = Json.array();
    private final ArrayNode transformations = Json.array();
    private final ObjectNode options = Json.object();
    private final ObjectNode custom = Json.object();
    private int width = 12;
    private int height = 8;

    private Panel(String type, String title, Datasource ds) {
        node.put("type", type);
        node.put("title", title);
        node.set("datasource", ds.ref());
    }

    public static Panel timeSeries(String title, Datasource ds) {
        return new Panel("timeseries", title, ds);
    }

    /** A time series drawn as bars, one per bucket (daily energy and the like). */
    public static Panel bars(String title, Datasource ds) {
        Panel p = new Panel("timeseries", title, ds);
        p.custom.put("drawStyle", "bars");
        p.custom.put("fillOpacity", 80);
        p.custom.put("barAlignment", -1);
        return p;
    }

    public static Panel stat(String title, Datasource ds) {
        Panel p = new Panel("stat", title, ds);
        ObjectNode reduce = Json.object();
        reduce.set("calcs", Json.array().add("lastNotNull"));
        reduce.put("fields", "");
        reduce.put("values", false);
        p.options.set("reduceOptions", reduce);
        p.options.put("colorMode", "value");
        p.options.put("graphMode", "none");
        return p;
    }

    /** A stat whose value is the sum over the range of every returned point (totals from daily rows). */
    public static Panel total(String title, Datasource ds) {
        Panel p = stat(title, ds);
        ((ObjectNode) p.options.get("reduceOptions")).set("calcs", Json.array().add("sum"));
        return p;
    }

    public static Panel table(String title, Datasource ds) {
        return new Panel("table", title, ds);
    }

    public static Panel pie(String title, Datasource ds) {
        Panel p = new Panel("piechart", title, ds);
        ObjectNode reduce = Json.object();
        reduce.set("calcs", Json.array().add("sum"));
        reduce.put("fields", "");
        reduce.put("values", false);
        p.options.set("reduceOptions", reduce);
        p.options.put("pieType", "donut");
        ObjectNode legend = Json.object();
        legend.put("displayMode", "table");
        legend.put("placement", "right");
        legend.set("values", Json.array().add("value").add("percent"));
        p.options.set("legend", legend);
        return p;
    }

    public Panel description(String text) {
        node.put("description", text);
        return this;
    }

    public Panel size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public Panel target(ObjectNode target) {
        targets.add(target);
        return this;
    }

    public Panel unit(String unit) {
        defaults.put("unit", unit);
        return this;
    }

    public Panel decimals(int decimals) {
        defaults.put("decimals", decimals);
        return this;
    }

    public Panel range(double min, double max) {
        defaults.put("min", min);
        defaults.put("max", max);
        return this;
    }

    /** Stacks the series (energy by type, CO₂ by scope). */
    public Panel stacked() {
        ObjectNode stacking = Json.object();
        stacking.put("mode", "normal");
        stacking.put("group", "A");
        custom.set("stacking", stacking);
        return this;
    }

    /**
     * Absolute thresholds: {@code base} below the first step, then each {@code (value, colour)} pair; shown as
     * lines and bands on time series.
     */
    public Panel thresholds(String base, Object... steps) {
        ObjectNode t = Json.object();
        t.put("mode", "absolute");
        ArrayNode list = Json.array();
        ObjectNode first = Json.object();
        first.put("color", base);
        first.putNull("value");
        list.add(first);
        for (int i = 0; i < steps.length; i += 2) {
            ObjectNode s = Json.object();
            s.put("color", (String) steps[i + 1]);
            s.put("value", ((Number) steps[i]).doubleValue());
            list.add(s);
        }
        t.set("steps", list);
        defaults.set("thresholds", t);
        ObjectNode style = Json.object();
        style.put("mode", "line+area");
        custom.set("thresholdsStyle", style);
        return this;
    }

    /** A field property for the series whose display name matches {@code nameRegex} (e.g. a second axis). */
    public Panel override(String nameRegex, String property, Object value) {
        ObjectNode o = Json.object();
        ObjectNode matcher = Json.object();
        matcher.put("id", "byRegexp");
        matcher.put("options", nameRegex);
        o.set("matcher", matcher);
        ObjectNode prop = Json.object();
        prop.put("id", property);
        prop.set("value", Json.MAPPER.valueToTree(value));
        o.set("properties", Json.array().add(prop));
        overrides.add(o);
        return this;
    }

    /**
     * A panel-level relative time range ({@code "24h"}): the panel shows the last 24 hours whatever the dashboard
     * range. Panels that read raw readings use it, so they never scan more than a day of them.
     */
    public Panel relativeTime(String timeFrom) {
        node.put("timeFrom", timeFrom);
        return this;
    }

    /** The smallest {@code $__interval} Grafana may pick for this panel ({@code "1h"}, {@code "1d"}). */
    public Panel minInterval(String interval) {
        node.put("interval", interval);
        return this;
    }

    public Panel transformation(String id, ObjectNode transformationOptions) {
        ObjectNode t = Json.object();
        t.put("id", id);
        t.set("options", transformationOptions);
        transformations.add(t);
        return this;
    }

    public Panel option(String name, Object value) {
        options.set(name, Json.MAPPER.valueToTree(value));
        return this;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The panel's JSON with its id and grid position. */
    ObjectNode toJson(int id, int x, int y) {
        ObjectNode out = node.deepCopy();
        out.put("id", id);
        ObjectNode grid = Json.object();
        grid.put("h", height);
        grid.put("w", width);
        grid.put("x", x);
        grid.put("y", y);
        out.set("gridPos", grid);
        if (!custom.isEmpty()) {
            defaults.set("custom", custom);
        }
        ObjectNode fieldConfig = Json.object();
        fieldConfig.set("defaults", defaults);
        fieldConfig.set("overrides", overrides);
        out.set("fieldConfig", fieldConfig);
        out.set("options", options);
        out.set("targets", targets);
        if (!transformations.isEmpty()) {
            out.set("transformations", transformations);
        }
        return out;
    }
}
