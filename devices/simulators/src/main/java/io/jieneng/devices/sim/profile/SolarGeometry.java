package io.jieneng.devices.sim.profile;

/**
 * Sun position and clear-sky global horizontal irradiance (GHI) at a site, from the declination, the equation of
 * time and the hour angle (Duffie &amp; Beckman, Solar Engineering of Thermal Processes, ch. 1). The clear-sky
 * model is Haurwitz's: GHI = 1098 · cos θz · exp(−0.057 / cos θz) W/m².
 */
public final class SolarGeometry {

    /** Nanjing, which stands for the province's sites. */
    public static final SolarGeometry JIANGSU = new SolarGeometry(32.0, 118.8);

    /** The meridian of UTC+8, to which Chinese clocks are set. */
    private static final double STANDARD_MERIDIAN_DEG = 120.0;

    private final double latitudeRad;
    private final double longitudeDeg;

    public SolarGeometry(double latitudeDeg, double longitudeDeg) {
        this.latitudeRad = Math.toRadians(latitudeDeg);
        this.longitudeDeg = longitudeDeg;
    }

    /** Clear-sky GHI in W/m²; 0 when the sun is below the horizon. */
    public double clearSkyGhiWm2(SiteTime t) {
        double cosZenith = cosZenith(t.dayOfYear(), t.hourOfDay());
        if (cosZenith <= 0.0) {
            return 0.0;
        }
        return 1098.0 * cosZenith * Math.exp(-0.057 / cosZenith);
    }

    /** Cosine of the solar zenith angle at a local clock hour of a day of the year. */
    double cosZenith(int dayOfYear, double clockHour) {
        double declination = Math.toRadians(23.45 * Math.sin(2 * Math.PI * (284 + dayOfYear) / 365.0));
        double hourAngle = Math.toRadians(15.0 * (solarHour(dayOfYear, clockHour) - 12.0));
        return Math.sin(latitudeRad) * Math.sin(declination)
                + Math.cos(latitudeRad) * Math.cos(declination) * Math.cos(hourAngle);
    }

    /** The local clock hour at which the sun is highest on a day of the year. */
    public double solarNoonClockHour(int dayOfYear) {
        return 12.0 - solarHour(dayOfYear, 12.0) + 12.0;
    }

    private double solarHour(int dayOfYear, double clockHour) {
        return clockHour + (4.0 * (longitudeDeg - STANDARD_MERIDIAN_DEG) + equationOfTimeMinutes(dayOfYear)) / 60.0;
    }

    private static double equationOfTimeMinutes(int dayOfYear) {
        double b = 2 * Math.PI * (dayOfYear - 81) / 364.0;
        return 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
    }
}
