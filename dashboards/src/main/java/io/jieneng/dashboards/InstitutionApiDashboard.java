package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.jieneng.dashboards.Datasource.JIENENG_API;
import static io.jieneng.dashboards.Target.column;

/**
 * An institution's figures for its own energy manager, read from Jieneng's REST API with the viewer's token
 * (Infinity datasource), never from InfluxDB: the API answers 403 for an institution the viewer may not read, so
 * no dashboard edit or hand-written query can reach another institution's data. Every figure is one the API
 * computes (consumption, kgce, CO₂, quota), so it equals what the API and the reports say.
 */
final class InstitutionApiDashboard {

    /** The dashboard range as the API's {@code from}/{@code to}: instants, Grafana's {@code :date:iso} format. */
    private static final List<String[]> RANGE = List.of(new String[] {"from", "${__from:date:iso}"},
            new String[] {"to", "${__to:date:iso}"});
    private static final String INSTITUTION = "/api/v1/institutions/${institution}";

    private InstitutionApiDashboard() {
    }

    static Dashboard build() {
        return new Dashboard("jieneng-institution-api", "Jieneng · My institution",
                "Your institution's energy, CO₂ and quota, from the Jieneng API with your own sign-in: you see "
                        + "the institutions the API lets you read, nothing else.")
                .tag("institution-facing")
                .time("now-30d", "now").refresh("5m")
                .variable(Variable.rest("institution", "Institution", "/api/v1/institutions", "", "institutionId"))
                .panel(Panel.bars("Electricity per day", JIENENG_API).unit("kwatth").size(24, 9)
                        .description("Grid import, PV generation and consumption (import + PV − export) per local "
                                + "day, as GET /institutions/{id}/consumption computes them.")
                        .target(consumption("A", "day", "buckets", List.of(column("start", "Day", "timestamp"),
                                column("gridImportKwh", "Grid import", "number"),
                                column("pvGenerationKwh", "PV generation", "number"),
                                column("electricityKwh", "Consumption", "number")))))
                .panel(Panel.stat("Over the range", JIENENG_API).size(12, 6)
                        .description("Totals of the dashboard range: consumption (kWh), comprehensive energy "
                                + "(kgce) and CO₂ (kg, scope 1 + 2).")
                        .target(consumption("A", "day", "total", List.of(
                                column("electricityKwh", "Consumption kWh", "number"),
                                column("kgce", "Energy kgce", "number"),
                                column("co2Kg", "CO₂ kg", "number")))))
                .panel(Panel.stat("CO₂ this year", JIENENG_API).unit("kg").size(12, 6)
                        .description("Scope 1 (gas), scope 2 (grid electricity, heat) and what PV avoided, for "
                                + "the current local year (GET /institutions/{id}/carbon).")
                        .target(Target.rest("A", "table", INSTITUTION + "/carbon", List.of(), "", List.of(
                                column("totalKg", "Total", "number"), column("scope1Kg", "Scope 1", "number"),
                                column("scope2Kg", "Scope 2", "number"),
                                column("pvAvoidedKg", "Avoided by PV", "number")))))
                .panel(Panel.table("Quota this year", JIENENG_API).size(24, 7)
                        .description("Each quota indicator of the current year: the limit, the actual value so "
                                + "far, the projection for the year and its status (GET /institutions/{id}/quota).")
                        .target(Target.rest("A", "table", INSTITUTION + "/quota", List.of(), "indicators",
                                List.of(column("indicator", "Indicator", "string"), column("unit", "Unit", "string"),
                                        column("quota", "Quota", "number"), column("actual", "Actual", "number"),
                                        column("projected", "Projected", "number"),
                                        column("usedPct", "Used %", "number"),
                                        column("status", "Status", "string")))));
    }

    private static ObjectNode consumption(String refId, String interval, String root, List<ObjectNode> columns) {
        List<String[]> params = new java.util.ArrayList<>(RANGE);
        params.add(new String[] {"interval", interval});
        return Target.rest(refId, root.equals("buckets") ? "timeseries" : "table", INSTITUTION + "/consumption",
                params, root, columns);
    }
}
