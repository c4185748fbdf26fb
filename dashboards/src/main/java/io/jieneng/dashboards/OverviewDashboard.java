package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.jieneng.dashboards.Datasource.INFLUX;
import static io.jieneng.dashboards.Datasource.MIXED;
import static io.jieneng.dashboards.Factors.literal;
import static io.jieneng.dashboards.InfluxQl.DAILY;
import static io.jieneng.dashboards.InfluxQl.GAS;
import static io.jieneng.dashboards.InfluxQl.LOCAL_DAYS;
import static io.jieneng.dashboards.InfluxQl.MAIN;
import static io.jieneng.dashboards.InfluxQl.PV;
import static io.jieneng.dashboards.InfluxQl.TIME;
import static io.jieneng.dashboards.InfluxQl.WATER;
import static io.jieneng.dashboards.InfluxQl.and;
import static io.jieneng.dashboards.InfluxQl.matches;

/** Province-wide overview: energy by type, kgce, CO₂ and the institutions with the highest intensity. */
final class OverviewDashboard {

    private static final String SCOPE = and(matches("region", "region"), matches("institution", "institution"));

    private OverviewDashboard() {
    }

    static Dashboard build() {
        Dashboard d = new Dashboard("jieneng-overview", "Jieneng · Overview",
                "Energy, comprehensive energy (kgce) and CO₂ of the selected regions and institutions, from the "
                        + "daily rollups (energy_daily). Factors: the bundled factor table (docs/DOMAIN.md §3–§4).")
                .time("now-30d", "now").refresh("5m")
                .variable(Dashboards.timezone())
                .variable(Variable.query("region", "Region", INFLUX,
                        "SHOW TAG VALUES FROM " + DAILY + " WITH KEY = \"region\"", true, true, Variable.ALL_REGEX))
                .variable(Variable.query("institution", "Institution", INFLUX,
                        "SHOW TAG VALUES FROM " + DAILY + " WITH KEY = \"institution\" WHERE "
                                + matches("region", "region"), true, true, Variable.ALL_REGEX));
        d.panel(sum("Grid electricity", "\"energyKwh\"", MAIN, "kwatth"))
                .panel(sum("PV generation", "\"energyKwh\"", PV, "kwatth"))
                .panel(sum("Water", "\"volumeM3\"", WATER, "m3"))
                .panel(sum("Natural gas", "\"volumeM3\"", GAS, "m3"));
        d.panel(Panel.stat("Comprehensive energy", INFLUX).size(8, 5).unit("suffix: kgce").decimals(0)
                .description("Purchased energy only (grid electricity, gas, heat), GB/T 2589-2020 factors; PV is "
                        + "reported but not counted.")
                .target(Target.influx("A", "SELECT sum(\"kgce\") FROM " + InfluxQl.kgceSources(SCOPE) + " WHERE "
                        + TIME, "kgce")));
        d.panel(Panel.stat("CO₂ (scope 1 + 2)", INFLUX).size(8, 5).unit("masskg").decimals(0)
                .description("Scope 1: gas × " + literal(Factors.GAS_CO2_PER_M3) + " kg/m³. Scope 2: grid "
                        + "electricity × " + literal(Factors.GRID_CO2_PER_KWH) + " kg/kWh (" + Factors.GRID_REGION
                        + ", " + Factors.GRID_FACTOR_YEAR + ") and heat × " + literal(Factors.HEAT_CO2_PER_GJ)
                        + " kg/GJ.")
                .target(Target.influx("A", "SELECT sum(\"co2\") FROM " + InfluxQl.co2Sources(SCOPE) + " WHERE "
                        + TIME, "CO₂")));
        d.panel(Panel.stat("CO₂ avoided by PV", INFLUX).size(8, 5).unit("masskg").decimals(0)
                .description("PV generation × the grid factor; reported, not subtracted (docs/DOMAIN.md §4).")
                .target(Target.influx("A", "SELECT sum(\"energyKwh\") * " + literal(Factors.GRID_CO2_PER_KWH)
                        + " FROM " + DAILY + " WHERE " + and(PV, SCOPE, TIME), "avoided CO₂")));
        // One query, one column per type: a type the selection has no meter of (often heat) is an empty column,
        // not a failed query.
        d.panel(Panel.bars("Comprehensive energy by type per day", INFLUX).size(24, 9).unit("suffix: kgce")
                .stacked().minInterval("1d")
                .target(Target.influx("A", "SELECT sum(\"electricity\") AS \"electricity\", sum(\"gas\") AS "
                        + "\"natural gas\", sum(\"heat\") AS \"heat\" FROM "
                        + InfluxQl.daily("\"energyKwh\" * " + literal(Factors.ELECTRICITY_KGCE_PER_KWH), "electricity",
                        and(MAIN, SCOPE)) + ", "
                        + InfluxQl.daily("\"volumeM3\" * " + literal(Factors.GAS_KGCE_PER_M3), "gas", and(GAS, SCOPE))
                        + ", " + InfluxQl.daily("\"heatGj\" * " + literal(Factors.HEAT_KGCE_PER_GJ), "heat",
                        and(InfluxQl.HEAT, SCOPE))
                        + " WHERE " + TIME + " " + LOCAL_DAYS, "$col")));
        d.panel(intensityTable());
        d.panel(Panel.bars("Grid electricity per institution per day", INFLUX).size(12, 10).unit("kwatth")
                .stacked().minInterval("1d")
                .target(Target.influx("A", "SELECT sum(\"energyKwh\") FROM " + DAILY + " WHERE "
                        + and(MAIN, SCOPE, TIME) + " GROUP BY time(1d), \"institution\" fill(none) tz('$timezone')",
                        "$tag_institution")));
        return d;
    }

    private static Panel sum(String title, String field, String where, String unit) {
        return Panel.stat(title, INFLUX).size(6, 4).unit(unit).decimals(0)
                .target(Target.influx("A", "SELECT sum(" + field + ") FROM " + DAILY + " WHERE "
                        + and(where, SCOPE, TIME), title));
    }

    /**
     * kgce per m² and per occupant: the energy comes from InfluxDB, the floor areas and occupants from the
     * registry; Grafana joins the two results on the institution id.
     */
    private static Panel intensityTable() {
        ObjectNode join = Json.object();
        join.put("byField", "institution");
        join.put("mode", "inner");
        return Panel.table("Top institutions by intensity", MIXED).size(12, 10)
                .description("kgce over the range ÷ floor area and ÷ occupants from the registry; the ten highest "
                        + "per m².")
                .target(Target.influxTable("A", "SELECT sum(\"kgce\") AS \"kgce\" FROM "
                        + InfluxQl.kgceSources(SCOPE) + " WHERE " + TIME + " GROUP BY \"institution\""))
                .target(Target.sql("B", "SELECT id AS institution, name, floor_area_m2, occupants "
                        + "FROM institutions ORDER BY id", "table"))
                .transformation("joinByField", join)
                .transformation("calculateField", binary("kgce", "/", "floor_area_m2", "kgce per m²"))
                .transformation("calculateField", binary("kgce", "/", "occupants", "kgce per capita"))
                .transformation("sortBy", sortDescending("kgce per m²"))
                .transformation("limit", limit(10))
                .transformation("organize", hide("Time", "floor_area_m2", "occupants"));
    }

    static ObjectNode binary(String left, String operator, String right, String alias) {
        ObjectNode o = Json.object();
        o.put("mode", "binary");
        ObjectNode b = Json.object();
        b.put("left", left);
        b.put("operator", operator);
        b.put("right", right);
        o.set("binary", b);
        o.put("alias", alias);
        o.put("replaceFields", false);
        return o;
    }

    static ObjectNode sortDescending(String field) {
        ObjectNode o = Json.object();
        ObjectNode s = Json.object();
        s.put("field", field);
        s.put("desc", true);
        o.set("sort", Json.array().add(s));
        return o;
    }

    static ObjectNode limit(int rows) {
        ObjectNode o = Json.object();
        o.put("limitField", rows);
        return o;
    }

    static ObjectNode hide(String... fields) {
        ObjectNode o = Json.object();
        ObjectNode exclude = Json.object();
        for (String f : fields) {
            exclude.put(f, true);
        }
        o.set("excludeByName", exclude);
        return o;
    }
}
