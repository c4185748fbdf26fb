package io.jieneng.dashboards;

import static io.jieneng.dashboards.Datasource.INFLUX;
import static io.jieneng.dashboards.Datasource.REGISTRY;
import static io.jieneng.dashboards.InfluxQl.LOCAL_DAYS;
import static io.jieneng.dashboards.InfluxQl.READINGS;
import static io.jieneng.dashboards.InfluxQl.TIME;
import static io.jieneng.dashboards.InfluxQl.and;
import static io.jieneng.dashboards.InfluxQl.daily;
import static io.jieneng.dashboards.InfluxQl.is;

/**
 * One data centre: IT and total power and PUE with the GB 40879-2021 grade bands. Which meters measure the IT load
 * and the whole facility is registry knowledge (the dataCenters section), so two hidden registry variables
 * resolve them.
 */
final class DataCentreDashboard {

    private static final String BOTH = daily("\"energyKwh\"", "it", is("meter", "it_meter")) + ", "
            + daily("\"energyKwh\"", "total", is("meter", "total_meter"));

    private DataCentreDashboard() {
    }

    static Dashboard build() {
        Dashboard d = new Dashboard("jieneng-datacentre", "Jieneng · Data centre",
                "IT and total power, daily energy and PUE (total ÷ IT energy, ISO/IEC 30134-2) against the grade "
                        + "bands of GB 40879-2021: ≤ 1.20 grade 1, ≤ 1.30 grade 2, ≤ 1.50 grade 3, above: over the "
                        + "limit.")
                .time("now-30d", "now").refresh("5m")
                .variable(Dashboards.timezone())
                .variable(Variable.query("region", "Region", REGISTRY,
                        "SELECT DISTINCT i.region_code FROM data_centers d JOIN institutions i ON i.id = d.institution_id"
                                + " ORDER BY 1", true, true, null))
                .variable(Variable.query("institution", "Institution", REGISTRY,
                        "SELECT DISTINCT d.institution_id FROM data_centers d JOIN institutions i ON i.id = "
                                + "d.institution_id WHERE i.region_code IN ($region) ORDER BY 1", true, true, null))
                .variable(Variable.query("datacenter", "Data centre", REGISTRY,
                        "SELECT id FROM data_centers WHERE institution_id IN ($institution) ORDER BY id",
                        false, false, null))
                .variable(Variable.hiddenQuery("it_meter", REGISTRY,
                        "SELECT it_meter_id FROM data_centers WHERE id = '$datacenter'"))
                .variable(Variable.hiddenQuery("total_meter", REGISTRY,
                        "SELECT total_meter_id FROM data_centers WHERE id = '$datacenter'"));
        d.panel(Panel.timeSeries("IT and total power (last 24 h)", INFLUX).size(24, 8).unit("kwatt")
                .relativeTime("24h")
                .target(Target.influx("A", "SELECT mean(\"powerKw\") FROM " + READINGS + " WHERE "
                        + and(is("meter", "it_meter"), TIME) + " GROUP BY time($__interval) fill(null)", "IT"))
                .target(Target.influx("B", "SELECT mean(\"powerKw\") FROM " + READINGS + " WHERE "
                        + and(is("meter", "total_meter"), TIME) + " GROUP BY time($__interval) fill(null)", "total")));
        d.panel(Panel.bars("Daily IT and total energy", INFLUX).size(12, 9).unit("kwatth").minInterval("1d")
                .target(Target.influx("A", "SELECT sum(\"it\") AS \"IT\", sum(\"total\") AS \"total\" FROM " + BOTH
                        + " WHERE " + TIME + " " + LOCAL_DAYS, "$col")));
        d.panel(pue(Panel.timeSeries("PUE per day", INFLUX).size(12, 9).minInterval("1d").range(1, 2))
                .target(Target.influx("A", "SELECT sum(\"total\") / sum(\"it\") FROM " + BOTH + " WHERE " + TIME + " "
                        + LOCAL_DAYS, "PUE")));
        d.panel(pue(Panel.stat("PUE over the range", INFLUX).size(8, 5))
                .target(Target.influx("A", "SELECT sum(\"total\") / sum(\"it\") FROM " + BOTH + " WHERE " + TIME,
                        "PUE")));
        return d;
    }

    /** The grade bands as thresholds: green up to grade 1, then grade 2, grade 3, and red above the limit. */
    private static Panel pue(Panel p) {
        return p.decimals(2).thresholds("green", 1.2, "#EAB839", 1.3, "orange", 1.5, "red");
    }
}
