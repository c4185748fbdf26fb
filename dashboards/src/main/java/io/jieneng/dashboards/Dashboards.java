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

    /** The directory (under dashboards/) of the province operators' dashboards, which read InfluxDB directly. */
    public static final String OPERATOR_DIR = "json";
    /** The directory of the institution-facing dashboards, which read only the REST API with the viewer's token. */
    public static final String INSTITUTION_DIR = "api";

    /** The province operators' dashboards (InfluxQL, SQL, PromQL), provisioned in the operators' organisation. */
    public static List<Dashboard> all() {
        return List.of(OverviewDashboard.build(), InstitutionDashboard.build(), PvDashboard.build(),
                DataCentreDashboard.build(), QuotaCarbonDashboard.build(), IngestHealthDashboard.build());
    }

    /** The institution-facing dashboards (REST API only), provisioned in the organisation every viewer joins. */
    public static List<Dashboard> institutionFacing() {
        return List.of(InstitutionApiDashboard.build());
    }

    /** The text of every dashboard file, by its path under dashboards/ ({@code json/overview.json}). */
    public static java.util.Map<String, String> files() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (Dashboard d : all()) {
            out.put(OPERATOR_DIR + "/" + d.fileName(), Json.print(d.toJson()));
        }
        for (Dashboard d : institutionFacing()) {
            out.put(INSTITUTION_DIR + "/" + d.fileName(), Json.print(d.toJson()));
        }
        return out;
    }

    /** Writes every dashboard under {@code dir} (default {@code dashboards}), into its set's directory. */
    public static void write(Path dir) throws IOException {
        for (var e : files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "dashboards"));
    }

    /** The hidden time-zone constant every InfluxQL dashboard buckets local days with. */
    static com.fasterxml.jackson.databind.node.ObjectNode timezone() {
        return Variable.constant("timezone", TIMEZONE, "The deployment time zone (JIENENG_TIMEZONE): local days "
                + "in GROUP BY time(1d) tz(...) and in the registry queries");
    }
}
