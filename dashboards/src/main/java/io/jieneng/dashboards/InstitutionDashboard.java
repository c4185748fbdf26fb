package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.jieneng.dashboards.Datasource.INFLUX;
import static io.jieneng.dashboards.Datasource.MIXED;
import static io.jieneng.dashboards.InfluxQl.DAILY;
import static io.jieneng.dashboards.InfluxQl.GAS;
import static io.jieneng.dashboards.InfluxQl.HOURLY;
import static io.jieneng.dashboards.InfluxQl.LOCAL_DAYS;
import static io.jieneng.dashboards.InfluxQl.MAIN;
import static io.jieneng.dashboards.InfluxQl.PV;
import static io.jieneng.dashboards.InfluxQl.READINGS;
import static io.jieneng.dashboards.InfluxQl.SUB;
import static io.jieneng.dashboards.InfluxQl.TIME;
import static io.jieneng.dashboards.InfluxQl.WATER;
import static io.jieneng.dashboards.InfluxQl.and;
import static io.jieneng.dashboards.InfluxQl.daily;
import static io.jieneng.dashboards.InfluxQl.is;
import static io.jieneng.dashboards.InfluxQl.matches;

/** One institution: live power, daily energy, the sub-item breakdown, water and gas, and data completeness. */
final class InstitutionDashboard {

    private static final String INSTITUTION = is("institution", "institution");

    private InstitutionDashboard() {
    }

    static Dashboard build() {
        Dashboard d = new Dashboard("jieneng-institution", "Jieneng · Institution",
                "One institution's meters: live power from the raw readings (last 24 h), everything longer from the "
                        + "rollups.")
                .time("now-7d", "now").refresh("1m")
                .variable(Dashboards.timezone())
                .variable(Variable.query("region", "Region", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"region\"", true, true, Variable.ALL_REGEX))
                .variable(Variable.query("institution", "Institution", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"institution\" WHERE "
                                + matches("region", "region"), false, false, null))
                .variable(Variable.query("meter", "Meter", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"meter\" WHERE " + INSTITUTION,
                        true, true, Variable.ALL_REGEX));
        d.panel(Panel.timeSeries("Live power (last 24 h)", INFLUX).size(24, 8).unit("kwatt").relativeTime("24h")
                .description("Mean powerKw of the selected meters per interval, from the raw readings.")
                .target(Target.influx("A", "SELECT mean(\"powerKw\") FROM " + READINGS + " WHERE "
                        + and(INSTITUTION, matches("meter", "meter"), TIME)
                        + " GROUP BY time($__interval), \"meter\" fill(null)", "$tag_meter")));
        d.panel(Panel.bars("Daily electricity", INFLUX).size(12, 9).unit("kwatth").minInterval("1d")
                .description("Grid import and export of the main meters and PV generation, per local day.")
                .target(Target.influx("A", "SELECT sum(\"import\") AS \"grid import\", sum(\"export\") AS "
                        + "\"grid export\", sum(\"pv\") AS \"PV generation\" FROM "
                        + daily("\"energyKwh\"", "import", and(MAIN, INSTITUTION)) + ", "
                        + daily("\"exportKwh\"", "export", and(MAIN, INSTITUTION)) + ", "
                        + daily("\"energyKwh\"", "pv", and(PV, INSTITUTION))
                        + " WHERE " + TIME + " " + LOCAL_DAYS, "$col")));
        d.panel(Panel.pie("Sub-item breakdown", INFLUX).size(12, 9).unit("kwatth")
                .description("Electricity of the sub-meters by MOHURD sub-item code (01A00 lighting and sockets, "
                        + "01B00 HVAC, 01C00 power, 01D00 special, 01D10 IT centre) and the unmetered remainder: "
                        + "main minus the sum of the subs (docs/DOMAIN.md §2).")
                .target(Target.influx("A", "SELECT sum(\"energyKwh\") FROM " + DAILY + " WHERE "
                        + and(SUB, INSTITUTION, TIME) + " GROUP BY \"subitem\"", "$tag_subitem"))
                .target(Target.influx("B", "SELECT sum(\"main\") - sum(\"sub\") FROM "
                        + daily("\"energyKwh\"", "main", and(MAIN, INSTITUTION)) + ", "
                        + daily("\"energyKwh\"", "sub", and(SUB, INSTITUTION)) + " WHERE " + TIME, "unmetered")));
        d.panel(Panel.bars("Water and gas per day", INFLUX).size(12, 9).unit("m3").minInterval("1d")
                .target(Target.influx("A", "SELECT sum(\"water\") AS \"water\", sum(\"gas\") AS \"natural gas\" FROM "
                        + daily("\"volumeM3\"", "water", and(WATER, INSTITUTION)) + ", "
                        + daily("\"volumeM3\"", "gas", and(GAS, INSTITUTION))
                        + " WHERE " + TIME + " " + LOCAL_DAYS, "$col")));
        d.panel(completeness());
        return d;
    }

    /**
     * Readings received (hourly rollups) against readings expected from each meter's reporting interval in the
     * registry, over the range (from the later of its start and the meter's commissioning).
     */
    private static Panel completeness() {
        ObjectNode join = Json.object();
        join.put("byField", "meter");
        join.put("mode", "inner");
        return Panel.table("Completeness by meter", MIXED).size(12, 9)
                .description("Readings received in the range ÷ readings expected from the meter's "
                        + "intervalSeconds (docs/DOMAIN.md §1.6, over the whole range rather than capped per bucket).")
                .target(Target.influxTable("A", "SELECT sum(\"readings\") AS \"received\" FROM " + HOURLY + " WHERE "
                        + and(INSTITUTION, matches("meter", "meter"), TIME) + " GROUP BY \"meter\""))
                .target(Target.sql("B", "SELECT id AS meter, type, interval_seconds, "
                        + "FLOOR(EXTRACT(EPOCH FROM ($__timeTo()::timestamptz - GREATEST($__timeFrom()::timestamptz, "
                        + "commissioned::timestamp AT TIME ZONE '$timezone'))) / interval_seconds) AS expected "
                        + "FROM meters WHERE institution_id = '$institution' ORDER BY id", "table"))
                .transformation("joinByField", join)
                .transformation("calculateField", OverviewDashboard.binary("received", "/", "expected",
                        "completeness"))
                .transformation("organize", OverviewDashboard.hide("Time", "interval_seconds"))
                .override("completeness", "unit", "percentunit");
    }
}
