package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A dashboard under construction. Panels are laid out left to right on Grafana's 24-column grid, wrapping to a
 * new row when the next one does not fit.
 */
public final class Dashboard {

    /** The dashboard JSON model version the files are written in (Grafana 11/12 migrate older ones on load). */
    public static final int SCHEMA_VERSION = 39;
    private static final int GRID_COLUMNS = 24;

    private final String uid;
    private final String title;
    private final String description;
    private final List<String> tags = new ArrayList<>(List.of("jieneng"));
    private final List<ObjectNode> variables = new ArrayList<>();
    private final List<Panel> panels = new ArrayList<>();
    private String from = "now-7d";
    private String to = "now";
    private String refresh = "1m";

    public Dashboard(String uid, String title, String description) {
        this.uid = uid;
        this.title = title;
        this.description = description;
    }

    public String uid() {
        return uid;
    }

    /** The file the dashboard is written to under {@code dashboards/json}. */
    public String fileName() {
        return uid.replaceFirst("^jieneng-", "") + ".json";
    }

    public Dashboard tag(String tag) {
        tags.add(tag);
        return this;
    }

    public Dashboard time(String from, String to) {
        this.from = from;
        this.to = to;
        return this;
    }

    public Dashboard refresh(String refresh) {
        this.refresh = refresh;
        return this;
    }

    public Dashboard variable(ObjectNode variable) {
        variables.add(variable);
        return this;
    }

    public Dashboard panel(Panel panel) {
        panels.add(panel);
        return this;
    }

    public ObjectNode toJson() {
        ObjectNode d = Json.object();
        d.put("uid", uid);
        d.put("title", title);
        d.put("description", description);
        ArrayNode tagList = Json.array();
        tags.forEach(tagList::add);
        d.set("tags", tagList);
        d.put("schemaVersion", SCHEMA_VERSION);
        d.put("version", 1);
        d.put("editable", true);
        d.put("graphTooltip", 1);
        // Local days and years of the deployment (JIENENG_TIMEZONE), whatever the viewer's browser says.
        d.put("timezone", Dashboards.TIMEZONE);
        d.put("refresh", refresh);
        ObjectNode time = Json.object();
        time.put("from", from);
        time.put("to", to);
        d.set("time", time);
        ObjectNode templating = Json.object();
        ArrayNode list = Json.array();
        variables.forEach(list::add);
        templating.set("list", list);
        d.set("templating", templating);
        ObjectNode annotations = Json.object();
        annotations.set("list", Json.array());
        d.set("annotations", annotations);
        d.set("links", Json.array());
        ArrayNode out = Json.array();
        int x = 0;
        int y = 0;
        int rowHeight = 0;
        int id = 1;
        for (Panel p : panels) {
            if (x + p.width() > GRID_COLUMNS) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            out.add(p.toJson(id++, x, y));
            x += p.width();
            rowHeight = Math.max(rowHeight, p.height());
        }
        d.set("panels", out);
        return d;
    }
}
