package io.jieneng.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every dashboard, and the generator that writes them to {@code dashboards/json}: run {@link #main} (or
 * {@code mvn -pl dashboards test -Ddashboards.regenerate=true}) after changing one, and commit the JSON; a test
 * fails while the committed files differ from what this code generates.
 */
public final class Dashboards {

    /** The deployment time zone the dashboards show and bucket days in (JIENENG_TIMEZONE's default). */
    public static final String TIMEZONE = "Asia/Shanghai";

    private Dashboards() {
    }

    public static List<Dashboard> all() {
        return List.of(OverviewDashboard.build(), InstitutionDashboard.build(), PvDashboard.build(),
                DataCentreDashboard.build(), QuotaCarbonDashboard.build(), IngestHealthDashboard.build());
    }

    /** The text of every dashboard file, by file name. */
    public static java.util.Map<String, String> files() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (Dashboard d : all()) {
            out.put(d.fileName(), Json.print(d.toJson()));
        }
        return out;
    }

    /** Writes every dashboard into {@code dir} (default {@code dashboards/json}). */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (var e : files().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "dashboards/json"));
    }

    /** The hidden time-zone constant every InfluxQL dashboard buckets local days with. */
    static com.fasterxml.jackson.databind.node.ObjectNode timezone() {
        return Variable.constant("timezone", TIMEZONE, "The deployment time zone (JIENENG_TIMEZONE): local days "
                + "in GROUP BY time(1d) tz(...) and in the registry queries");
    }
}
