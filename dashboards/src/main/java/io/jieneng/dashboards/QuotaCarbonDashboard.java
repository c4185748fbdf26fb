package io.jieneng.dashboards;

import static io.jieneng.dashboards.Datasource.INFLUX;
import static io.jieneng.dashboards.Datasource.MIXED;
import static io.jieneng.dashboards.Datasource.REGISTRY;
import static io.jieneng.dashboards.Factors.literal;
import static io.jieneng.dashboards.InfluxQl.DAILY;
import static io.jieneng.dashboards.InfluxQl.GAS;
import static io.jieneng.dashboards.InfluxQl.LOCAL_DAYS;
import static io.jieneng.dashboards.InfluxQl.PV;
import static io.jieneng.dashboards.InfluxQl.READINGS;
import static io.jieneng.dashboards.InfluxQl.TIME;
import static io.jieneng.dashboards.InfluxQl.and;
import static io.jieneng.dashboards.InfluxQl.is;
import static io.jieneng.dashboards.InfluxQl.matches;

/**
 * Quota and carbon of one institution for the year so far. The quota is registry data (the quotas section), not a
 * time series: the registry datasource draws the prorated quota line with generate_series, and a hidden registry
 * variable carries the year's quota into the "used" stat.
 */
final class QuotaCarbonDashboard {

    private static final String INSTITUTION = is("institution", "institution");
    /** The quota year is the local year of the range's end, as the API's quota status uses the asOf date's year. */
    private static final String YEAR = "EXTRACT(YEAR FROM $__timeTo()::timestamptz AT TIME ZONE '$timezone')";

    private QuotaCarbonDashboard() {
    }

    static Dashboard build() {
        Dashboard d = new Dashboard("jieneng-quota-carbon", "Jieneng · Quota and carbon",
                "Cumulative comprehensive energy against the prorated annual quota (docs/DOMAIN.md §5: quota × "
                        + "dayOfYear ÷ lengthOfYear), and CO₂ by scope. Open it on \"This year so far\" (the default): "
                        + "the cumulative line starts at the range's start.")
                .time("now/y", "now").refresh("5m")
                .variable(Dashboards.timezone())
                .variable(Variable.query("region", "Region", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"region\"", true, true, Variable.ALL_REGEX))
                .variable(Variable.query("institution", "Institution", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"institution\" WHERE "
                                + matches("region", "region"), false, false, null))
                .variable(Variable.hiddenQuery("quota_kgce", REGISTRY,
                        "SELECT CAST(total_kgce AS numeric)::text FROM quotas WHERE institution_id = '$institution' "
                                + "AND quota_year = " + YEAR));
        d.panel(Panel.timeSeries("Cumulative kgce against the prorated quota", MIXED).size(24, 10)
                .unit("suffix: kgce").decimals(0)
                .target(Target.influx("A", "SELECT cumulative_sum(sum(\"kgce\")) FROM "
                        + InfluxQl.kgceSources(INSTITUTION) + " WHERE " + TIME + " " + LOCAL_DAYS, "actual (cumulative)"))
                .target(Target.sql("B", "SELECT (d AT TIME ZONE '$timezone') AS \"time\", "
                        + "q.total_kgce * EXTRACT(DOY FROM d) / EXTRACT(DOY FROM date_trunc('year', d) "
                        + "+ interval '1 year' - interval '1 day') AS \"prorated quota\" "
                        + "FROM quotas q, generate_series(date_trunc('day', $__timeFrom()::timestamptz AT TIME ZONE "
                        + "'$timezone'), $__timeTo()::timestamptz AT TIME ZONE '$timezone', interval '1 day') AS d "
                        + "WHERE q.institution_id = '$institution' AND q.quota_year = EXTRACT(YEAR FROM d) "
                        + "AND q.total_kgce IS NOT NULL ORDER BY 1", "time_series"))
                .override("prorated quota", "custom.lineStyle", dashed()));
        d.panel(Panel.stat("Quota used", INFLUX).size(8, 5).unit("percent").decimals(1)
                .thresholds("green", 90, "orange", 100, "red")
                .description("kgce over the range ÷ the year's totalKgce quota from the registry.")
                .target(Target.influx("A", "SELECT sum(\"kgce\") * 100 / $quota_kgce FROM "
                        + InfluxQl.kgceSources(INSTITUTION) + " WHERE " + TIME, "used")));
        // One query, one column each: an institution without gas or PV gets an empty column, not a failed query.
        d.panel(Panel.stat("CO₂ over the range", INFLUX).size(16, 5).unit("masskg").decimals(0)
                .description("Scope 1 (gas), scope 2 (grid electricity, heat), and the CO₂ PV generation avoided "
                        + "(PV × the grid factor; reported, not subtracted, docs/DOMAIN.md §4).")
                .target(Target.influx("A", "SELECT sum(\"scope1\") AS \"scope 1\", sum(\"co2\") AS \"scope 2\", "
                        + "sum(\"pv\") AS \"avoided by PV\" FROM "
                        + InfluxQl.daily("\"volumeM3\" * " + literal(Factors.GAS_CO2_PER_M3), "scope1",
                        and(GAS, INSTITUTION)) + ", " + InfluxQl.scope2Sources(INSTITUTION) + ", "
                        + InfluxQl.daily("\"energyKwh\" * " + literal(Factors.GRID_CO2_PER_KWH), "pv",
                        and(PV, INSTITUTION)) + " WHERE " + TIME, "$col")));
        d.panel(Panel.bars("CO₂ by scope per day", INFLUX).size(24, 9).unit("masskg").stacked().minInterval("1d")
                .description("Scope 1: gas × " + literal(Factors.GAS_CO2_PER_M3) + " kg/m³. Scope 2: grid "
                        + "electricity × " + literal(Factors.GRID_CO2_PER_KWH) + " kg/kWh (" + Factors.GRID_REGION
                        + " " + Factors.GRID_FACTOR_YEAR + ") and heat × " + literal(Factors.HEAT_CO2_PER_GJ)
                        + " kg/GJ.")
                .target(Target.influx("A", "SELECT sum(\"volumeM3\") * " + literal(Factors.GAS_CO2_PER_M3) + " FROM "
                        + DAILY + " WHERE " + and(GAS, INSTITUTION, TIME) + " " + LOCAL_DAYS, "scope 1"))
                .target(Target.influx("B", "SELECT sum(\"co2\") FROM " + InfluxQl.scope2Sources(INSTITUTION)
                        + " WHERE " + TIME + " " + LOCAL_DAYS, "scope 2")));
        return d;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode dashed() {
        com.fasterxml.jackson.databind.node.ObjectNode style = Json.object();
        style.put("fill", "dash");
        style.set("dash", Json.array().add(10).add(10));
        return style;
    }
}
