package io.jieneng.dashboards;

import static io.jieneng.dashboards.Factors.literal;

/**
 * InfluxQL fragments shared by the dashboards. Every query reads the measurements of docs/STORES.md and
 * docs/ROLLUPS.md: {@code readings} (raw, for panels of at most a day) and {@code energy_hourly} /
 * {@code energy_daily} (the interval energy per meter and local hour or day), with the registry tags {@code meter},
 * {@code institution}, {@code region}, {@code type}, {@code role} and {@code subitem}.
 */
final class InfluxQl {

    static final String READINGS = "\"readings\"";
    static final String HOURLY = "\"energy_hourly\"";
    static final String DAILY = "\"energy_daily\"";
    /** Local days: rollup rows start at local midnight, and so must the buckets that sum them. */
    static final String LOCAL_DAYS = "GROUP BY time(1d) fill(none) tz('$timezone')";
    static final String MAIN = "\"type\" = 'electricity' AND \"role\" = 'main'";
    static final String PV = "\"type\" = 'pv'";
    static final String GAS = "\"type\" = 'gas'";
    static final String WATER = "\"type\" = 'water'";
    static final String HEAT = "\"type\" = 'heat'";
    static final String SUB = "\"role\" = 'sub'";
    static final String TIME = "$timeFilter";

    private InfluxQl() {
    }

    /** {@code "tag" =~ /^$variable$/}: matches the variable's value, every value of a multi-value selection. */
    static String matches(String tag, String variable) {
        return "\"" + tag + "\" =~ /^$" + variable + "$/";
    }

    /** {@code "tag" = '$variable'}: for single-value variables. */
    static String is(String tag, String variable) {
        return "\"" + tag + "\" = '$" + variable + "'";
    }

    static String and(String... clauses) {
        return String.join(" AND ", clauses);
    }

    /** A raw subquery selecting {@code expression AS alias} from the daily rollups, for the outer query to sum. */
    static String daily(String expression, String alias, String where) {
        return "(SELECT " + expression + " AS \"" + alias + "\" FROM " + DAILY + " WHERE " + and(where, TIME) + ")";
    }

    /**
     * The sources of comprehensive energy (docs/DOMAIN.md §3): purchased energy only, so grid imports of main meters,
     * gas and heat, each converted to kgce as field {@code kgce}. PV generation is not counted.
     */
    static String kgceSources(String scope) {
        return daily("\"energyKwh\" * " + literal(Factors.ELECTRICITY_KGCE_PER_KWH), "kgce", and(MAIN, scope))
                + ", " + daily("\"volumeM3\" * " + literal(Factors.GAS_KGCE_PER_M3), "kgce", and(GAS, scope))
                + ", " + daily("\"heatGj\" * " + literal(Factors.HEAT_KGCE_PER_GJ), "kgce", and(HEAT, scope));
    }

    /** Scope 2 CO₂ (docs/DOMAIN.md §4) as field {@code co2}: grid imports and purchased heat. */
    static String scope2Sources(String scope) {
        return daily("\"energyKwh\" * " + literal(Factors.GRID_CO2_PER_KWH), "co2", and(MAIN, scope))
                + ", " + daily("\"heatGj\" * " + literal(Factors.HEAT_CO2_PER_GJ), "co2", and(HEAT, scope));
    }

    /** Scope 1 and 2 CO₂ as field {@code co2}. */
    static String co2Sources(String scope) {
        return scope2Sources(scope) + ", "
                + daily("\"volumeM3\" * " + literal(Factors.GAS_CO2_PER_M3), "co2", and(GAS, scope));
    }
}
