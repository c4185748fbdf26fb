package io.jieneng.dashboards;

import static io.jieneng.dashboards.Datasource.INFLUX;
import static io.jieneng.dashboards.Datasource.REGISTRY;
import static io.jieneng.dashboards.InfluxQl.DAILY;
import static io.jieneng.dashboards.InfluxQl.HOURLY;
import static io.jieneng.dashboards.InfluxQl.LOCAL_DAYS;
import static io.jieneng.dashboards.InfluxQl.MAIN;
import static io.jieneng.dashboards.InfluxQl.PV;
import static io.jieneng.dashboards.InfluxQl.READINGS;
import static io.jieneng.dashboards.InfluxQl.TIME;
import static io.jieneng.dashboards.InfluxQl.and;
import static io.jieneng.dashboards.InfluxQl.daily;
import static io.jieneng.dashboards.InfluxQl.is;
import static io.jieneng.dashboards.InfluxQl.matches;

/** Rooftop PV of one institution: generation against irradiance, specific yield and self-consumption. */
final class PvDashboard {

    private static final String INSTITUTION = is("institution", "institution");
    private static final String METERS = matches("meter", "meter");
    /** Self-consumption (docs/DOMAIN.md §5): (PV generation − grid export) ÷ PV generation of the institution. */
    private static final String SELF_CONSUMPTION = "SELECT (sum(\"pv\") - sum(\"export\")) / sum(\"pv\") FROM "
            + daily("\"energyKwh\"", "pv", and(PV, INSTITUTION)) + ", "
            + daily("\"exportKwh\"", "export", and(MAIN, INSTITUTION)) + " WHERE " + TIME;

    private PvDashboard() {
    }

    static Dashboard build() {
        Dashboard d = new Dashboard("jieneng-pv", "Jieneng · PV",
                "PV generation against irradiance, specific yield (kWh/kWp, capacity from the registry) and "
                        + "self-consumption of one institution.")
                .time("now-7d", "now").refresh("5m")
                .variable(Dashboards.timezone())
                .variable(Variable.query("region", "Region", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"region\" WHERE " + PV, true, true,
                        Variable.ALL_REGEX))
                .variable(Variable.query("institution", "Institution", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"institution\" WHERE "
                                + and(PV, matches("region", "region")), false, false, null))
                // No custom "All" value: the registry query below needs the meter ids themselves.
                .variable(Variable.query("meter", "PV meter", INFLUX,
                        "SHOW TAG VALUES FROM " + READINGS + " WITH KEY = \"meter\" WHERE " + and(PV, INSTITUTION),
                        true, true, null))
                .variable(Variable.hiddenQuery("capacity_kwp", REGISTRY,
                        "SELECT CAST(COALESCE(SUM(capacity_kwp), 0) AS numeric)::text FROM meters WHERE type = 'pv' "
                                + "AND id IN ($meter)"));
        d.panel(Panel.timeSeries("Generation and irradiance (last 24 h)", INFLUX).size(24, 9).relativeTime("24h")
                .unit("kwatth")
                .description("Hourly generation (energy_hourly) against mean irradiance (raw readings).")
                .target(Target.influx("A", "SELECT sum(\"energyKwh\") FROM " + HOURLY + " WHERE " + and(METERS, TIME)
                        + " GROUP BY time(1h) fill(none)", "generation"))
                .target(Target.influx("B", "SELECT mean(\"irradianceWm2\") FROM " + READINGS + " WHERE "
                        + and(METERS, TIME) + " GROUP BY time($__interval) fill(null)", "irradiance"))
                .override("irradiance", "unit", "suffix: W/m²")
                .override("irradiance", "custom.axisPlacement", "right"));
        d.panel(Panel.bars("Daily generation", INFLUX).size(12, 8).unit("kwatth").minInterval("1d")
                .target(Target.influx("A", "SELECT sum(\"energyKwh\") FROM " + DAILY + " WHERE " + and(METERS, TIME)
                        + " " + LOCAL_DAYS, "generation")));
        d.panel(Panel.bars("Specific yield per day", INFLUX).size(12, 8).unit("suffix: kWh/kWp").decimals(2)
                .minInterval("1d")
                .description("Generation ÷ the selected meters' capacityKwp from the registry.")
                .target(Target.influx("A", "SELECT sum(\"energyKwh\") / $capacity_kwp FROM " + DAILY + " WHERE "
                        + and(METERS, TIME) + " " + LOCAL_DAYS, "specific yield")));
        d.panel(Panel.stat("Specific yield over the range", INFLUX).size(6, 6).unit("suffix: kWh/kWp").decimals(1)
                .target(Target.influx("A", "SELECT sum(\"energyKwh\") / $capacity_kwp FROM " + DAILY + " WHERE "
                        + and(METERS, TIME), "specific yield")));
        d.panel(Panel.stat("Self-consumption over the range", INFLUX).size(6, 6).unit("percentunit").range(0, 1)
                .description("(PV generation − grid export) ÷ PV generation of the institution (docs/DOMAIN.md §5); "
                        + "InfluxQL cannot clip, so a day with export above generation would show below 0.")
                .target(Target.influx("A", SELF_CONSUMPTION, "self-consumption")));
        d.panel(Panel.bars("Self-consumption per day", INFLUX).size(12, 6).unit("percentunit").range(0, 1)
                .minInterval("1d")
                .target(Target.influx("A", SELF_CONSUMPTION + " " + LOCAL_DAYS, "self-consumption")));
        return d;
    }
}
