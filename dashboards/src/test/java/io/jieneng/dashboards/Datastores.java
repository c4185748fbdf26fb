package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs interpolated queries the way Grafana's datasources send them: InfluxQL over the v1 HTTP API (epoch ms, as
 * Grafana asks), SQL over JDBC. Results come back as tables: a list of rows, each a column → value map, where an
 * InfluxDB series' tags are columns too.
 */
final class Datastores {

    /** A query's result: one table per InfluxDB series (one for SQL). */
    record Result(List<List<Map<String, Object>>> tables) {

        /** Whether any row holds a non-null value outside the time and tag/label columns. */
        boolean hasValues(java.util.Set<String> keyColumns) {
            for (List<Map<String, Object>> table : tables) {
                for (Map<String, Object> row : table) {
                    for (var e : row.entrySet()) {
                        if (!keyColumns.contains(e.getKey()) && !e.getKey().equals("time") && e.getValue() != null) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        List<Map<String, Object>> rows() {
            List<Map<String, Object>> out = new ArrayList<>();
            tables.forEach(out::addAll);
            return out;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String influxUrl;
    private final String database;
    private final Connection sql;

    Datastores(String influxUrl, String database, Connection sql) {
        this.influxUrl = influxUrl;
        this.database = database;
        this.sql = sql;
    }

    /** Runs one InfluxQL statement; an error from InfluxDB is an exception naming it. */
    Result influx(String query) throws IOException, InterruptedException {
        String body = "db=" + enc(database) + "&epoch=ms&q=" + enc(query);
        HttpRequest request = HttpRequest.newBuilder(URI.create(influxUrl + "/query"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.MAPPER.readTree(response.body());
        if (response.statusCode() != 200 || json.has("error")) {
            throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + response.body());
        }
        List<List<Map<String, Object>>> tables = new ArrayList<>();
        for (JsonNode statement : json.path("results")) {
            if (statement.has("error")) {
                throw new IllegalStateException("InfluxDB refused the query: " + statement.get("error").asText());
            }
            for (JsonNode series : statement.path("series")) {
                List<Map<String, Object>> rows = new ArrayList<>();
                List<String> columns = new ArrayList<>();
                series.path("columns").forEach(c -> columns.add(c.asText()));
                for (JsonNode values : series.path("values")) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    series.path("tags").fields().forEachRemaining(t -> row.put(t.getKey(), t.getValue().asText()));
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode v = values.get(i);
                        row.put(columns.get(i), v == null || v.isNull() ? null
                                : v.isNumber() ? v.numberValue() : v.asText());
                    }
                    rows.add(row);
                }
                tables.add(rows);
            }
        }
        return new Result(tables);
    }

    /** Runs one SQL query in the registry's schema, as the Grafana role. */
    Result sql(String query) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return new Result(List.of(rows));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
