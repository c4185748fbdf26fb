package io.jieneng.dashboards;

/**
 * The conversion and emission factors the InfluxQL panels multiply by. InfluxDB cannot read the factor table, so
 * the dashboards carry these constants; they are the bundled table's values
 * ({@code analytics/src/main/resources/factors/default.json}, docs/DOMAIN.md §3–§4), and a test fails when the two
 * disagree. A deployment with its own {@code JIENENG_FACTORS_FILE} or {@code JIENENG_GRID_REGION} changes them here
 * and regenerates the dashboards (dashboards/README.md).
 */
public final class Factors {

    /** kgce per kWh of grid electricity (当量值), GB/T 2589-2020. */
    public static final double ELECTRICITY_KGCE_PER_KWH = 0.1229;
    /** kgce per m³ of natural gas, GB/T 2589-2020. */
    public static final double GAS_KGCE_PER_M3 = 1.2143;
    /** kgce per GJ of purchased heat, GB/T 2589-2020. */
    public static final double HEAT_KGCE_PER_GJ = 34.12;
    /**
     * kg CO₂ per kWh of grid electricity: the East China grid factor the table applies to data of 2023 and later
     * (MEE &amp; NBS 2023; the analytics API picks the factor of the data's year, so for 2022 data it uses 0.5617
     * where these panels use this one).
     */
    public static final double GRID_CO2_PER_KWH = 0.5500;
    /** The grid region and year {@link #GRID_CO2_PER_KWH} is the factor of. */
    public static final String GRID_REGION = "east-china";
    public static final int GRID_FACTOR_YEAR = 2023;
    /** kg CO₂ per m³ of natural gas (scope 1). */
    public static final double GAS_CO2_PER_M3 = 2.1622;
    /** kg CO₂ per GJ of purchased heat (scope 2), NDRC guideline default. */
    public static final double HEAT_CO2_PER_GJ = 110;

    private Factors() {
    }

    /** A factor as it appears in a query: plain decimal notation, no exponent. */
    static String literal(double factor) {
        return java.math.BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
    }
}
