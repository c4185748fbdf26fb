package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.jieneng.dashboards.DashboardFiles.DashboardFile;
import io.jieneng.dashboards.Datastores.Result;
import io.jieneng.dashboards.GrafanaInterpolation.Range;
import io.jieneng.dashboards.GrafanaInterpolation.Selection;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays Grafana for one dashboard: resolves its variables in order from their own queries, then sends every
 * InfluxQL and SQL target of every panel, interpolated for the panel's time range, and records each failure or
 * empty answer rather than stopping at the first.
 */
final class DashboardRunner {

    private final Datastores stores;
    private final Instant now;
    private final ZoneId zone;
    private final List<String> log;

    DashboardRunner(Datastores stores, Instant now, ZoneId zone, List<String> log) {
        this.stores = stores;
        this.now = now;
        this.zone = zone;
        this.log = log;
    }

    /** Resolves the variables of {@code d} and runs every InfluxQL and SQL target; returns how many ran. */
    int run(DashboardFile d, int selection, List<String> failures) throws Exception {
        GrafanaInterpolation g = new GrafanaInterpolation();
        Range dashboardRange = Range.of(d.json().path("time").path("from").asText(),
                d.json().path("time").path("to").asText(), now, zone);
        int executed = 0;
        for (JsonNode v : d.variables()) {
            String name = v.path("name").asText();
            boolean multi = v.path("multi").asBoolean();
            boolean includeAll = v.path("includeAll").asBoolean();
            String allValue = v.hasNonNull("allValue") ? v.get("allValue").asText() : null;
            if (v.path("type").asText().equals("constant")) {
                g.set(name, new Selection(false, false, null, List.of(v.path("query").asText()), false));
                continue;
            }
            String uid = v.path("datasource").path("uid").asText();
            if (uid.equals(Datasource.PROMETHEUS.uid())) {
                // Without a Prometheus server the variable is "All"; its metric is checked against the scrape.
                g.set(name, new Selection(multi, includeAll, allValue, List.of(), true));
                continue;
            }
            List<String> values;
            String where = d.path() + " variable $" + name + " (selection " + selection + ")";
            try {
                values = variableValues(g, v, dashboardRange);
                executed++;
            } catch (Exception e) {
                failures.add(where + ": " + e.getMessage());
                return executed;
            }
            if (values.isEmpty()) {
                failures.add(where + " has no values");
                return executed;
            }
            boolean all = includeAll && selection == 0;
            // The second selection narrows every multi-value variable to its first value and moves every
            // single-value one to its last, so each query also runs on another institution than the first.
            List<String> chosen = all ? values : List.of(selection == 0 || multi ? values.get(0)
                    : values.get(values.size() - 1));
            g.set(name, new Selection(multi, includeAll, allValue, chosen, all));
        }
        for (JsonNode p : d.panels()) {
            String timeFrom = p.path("timeFrom").asText("");
            Range range = timeFrom.isEmpty() ? dashboardRange : Range.of("now-" + timeFrom, "now", now, zone);
            String minInterval = p.hasNonNull("interval") ? p.get("interval").asText() : null;
            Map<String, Result> results = new HashMap<>();
            for (JsonNode t : p.path("targets")) {
                String uid = DashboardFiles.datasourceUid(p, t);
                if (uid.equals(Datasource.PROMETHEUS.uid())) {
                    continue;
                }
                String where = d.path() + " panel '" + p.path("title").asText() + "' target " + t.path("refId").asText()
                        + " (selection " + selection + ")";
                try {
                    Result r;
                    Set<String> keys = new HashSet<>();
                    String sent;
                    if (uid.equals(Datasource.INFLUX.uid())) {
                        sent = g.influx(t.path("query").asText(), range, minInterval);
                        r = stores.influx(sent);
                        keys.addAll(List.of("institution", "meter", "region", "subitem", "type", "role"));
                    } else {
                        sent = g.sql(t.path("rawSql").asText(), range);
                        r = stores.sql(sent);
                        if (t.path("format").asText().equals("time_series") && !r.rows().isEmpty()) {
                            assertThat(r.rows().get(0)).as(where + ": a time series needs a time column")
                                    .containsKey("time");
                        }
                    }
                    executed++;
                    log.add(where + "\n  " + sent + "\n  -> " + r.rows().size() + " rows, first "
                            + (r.rows().isEmpty() ? "none" : r.rows().get(0)) + "\n");
                    if (!r.hasValues(keys)) {
                        failures.add(where + " returned no values");
                    }
                    results.put(t.path("refId").asText(), r);
                } catch (Exception | AssertionError e) {
                    failures.add(where + ": " + e.getMessage());
                }
            }
            checkJoin(d, p, results, selection, failures);
        }
        return executed;
    }

    /**
     * A panel that joins its targets' results (kgce with floor areas, readings with expected readings) must find
     * the join field in every result and at least one value they share, and the fields its calculations use.
     */
    private static void checkJoin(DashboardFile d, JsonNode p, Map<String, Result> results, int selection,
                                  List<String> failures) {
        Set<String> columns = new HashSet<>();
        Set<Object> shared = null;
        String where = d.path() + " panel '" + p.path("title").asText() + "' (selection " + selection + ")";
        for (JsonNode tr : p.path("transformations")) {
            String id = tr.path("id").asText();
            if (id.equals("joinByField")) {
                String field = tr.path("options").path("byField").asText();
                for (var e : results.entrySet()) {
                    Set<Object> keys = new HashSet<>();
                    for (Map<String, Object> row : e.getValue().rows()) {
                        columns.addAll(row.keySet());
                        keys.add(row.get(field));
                    }
                    keys.remove(null);
                    if (keys.isEmpty()) {
                        failures.add(where + ": target " + e.getKey() + " has no join field " + field);
                    }
                    if (shared == null) {
                        shared = keys;
                    } else {
                        shared.retainAll(keys);
                    }
                }
                if (shared == null || shared.isEmpty()) {
                    failures.add(where + ": the targets share no value of " + field);
                }
            } else if (id.equals("calculateField")) {
                JsonNode b = tr.path("options").path("binary");
                for (String side : List.of("left", "right")) {
                    if (!columns.contains(b.path(side).asText())) {
                        failures.add(where + ": calculated field uses missing field " + b.path(side).asText());
                    }
                }
                columns.add(tr.path("options").path("alias").asText());
            }
        }
    }

    /** A query variable's values, as Grafana lists them (SQL: {@code __value} when given, else the first column). */
    private List<String> variableValues(GrafanaInterpolation g, JsonNode v, Range range) throws Exception {
        String query = v.path("query").asText();
        List<String> values = new ArrayList<>();
        if (v.path("datasource").path("uid").asText().equals(Datasource.INFLUX.uid())) {
            for (Map<String, Object> row : stores.influx(g.influx(query, range, null)).rows()) {
                values.add(String.valueOf(row.get("value")));
            }
        } else {
            for (Map<String, Object> row : stores.sql(g.sql(query, range)).rows()) {
                Object value = row.containsKey("__value") ? row.get("__value") : row.values().iterator().next();
                if (value != null) {
                    values.add(value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                            ? Long.toString(n.longValue()) : String.valueOf(value));
                }
            }
        }
        return values;
    }

}
