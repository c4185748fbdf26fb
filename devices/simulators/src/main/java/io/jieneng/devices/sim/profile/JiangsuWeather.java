package io.jieneng.devices.sim.profile;

/**
 * Synthetic weather of central Jiangsu (Nanjing, about 32°N): outdoor temperature and cloud cover. It drives the
 * HVAC, data-centre cooling, gas heating and PV profiles. Calibrated to Nanjing's climate normals: January mean
 * about 3 °C, July mean about 28.5 °C, the plum-rain season (梅雨) from mid-June to mid-July the cloudiest time of
 * year.
 */
public final class JiangsuWeather {

    private static final double ANNUAL_MEAN_C = 16.0;
    private static final double ANNUAL_AMPLITUDE_C = 12.6;
    /** Day of year of the coldest daily mean (late January). */
    private static final double COLDEST_DAY = 20.0;
    /** Local hour of the daily maximum temperature. */
    private static final double WARMEST_HOUR = 14.5;

    private static final long TEMPERATURE_DAYS = Noise.stream("weather/temperature/day");
    private static final long TEMPERATURE_WEEKS = Noise.stream("weather/temperature/week");
    private static final long CLOUD_DAYS = Noise.stream("weather/cloud/day");

    private final long seed;

    public JiangsuWeather(long seed) {
        this.seed = seed;
    }

    /** Outdoor air temperature in °C. */
    public double temperatureC(SiteTime t) {
        double seasonal = ANNUAL_MEAN_C
                - ANNUAL_AMPLITUDE_C * Math.cos(2 * Math.PI * (t.dayOfYear() - COLDEST_DAY) / 365.25);
        double anomaly = 2.5 * Noise.smooth(seed, TEMPERATURE_DAYS, t.localDays())
                + 2.0 * Noise.smooth(seed, TEMPERATURE_WEEKS, t.localDays() / 6.0);
        // Clear days swing more between night and afternoon than overcast ones.
        double diurnalAmplitude = 2.5 + 3.5 * (1.0 - regionalCloudiness(t));
        double diurnal = diurnalAmplitude * Math.cos(2 * Math.PI * (t.hourOfDay() - WARMEST_HOUR) / 24.0);
        return seasonal + anomaly + diurnal;
    }

    /**
     * Cloud cover in [0, 1] above one site: the region's weather of the day plus local, hour-scale variation.
     *
     * @param siteStream a stream id of the site, so that neighbouring sites see different passing clouds
     */
    public double cloudiness(SiteTime t, long siteStream) {
        double local = 0.2 * Noise.smooth(seed, siteStream, t.localHours());
        return clamp01(regionalCloudiness(t) + local);
    }

    /** Fraction of clear-sky irradiance that reaches the ground under the site's cloud cover. */
    public double clearness(SiteTime t, long siteStream) {
        double c = cloudiness(t, siteStream);
        return 1.0 - 0.8 * c * c;
    }

    private double regionalCloudiness(SiteTime t) {
        double u = 0.5 + 0.5 * Noise.smooth(seed, CLOUD_DAYS, t.localDays());
        // An exponent below 1 pushes the distribution towards overcast days.
        return Math.pow(u, plumRainSeason(t.dayOfYear()) ? 0.45 : 0.9);
    }

    private static boolean plumRainSeason(int dayOfYear) {
        return dayOfYear >= 166 && dayOfYear <= 196;
    }

    private static double clamp01(double x) {
        return Math.max(0.0, Math.min(1.0, x));
    }
}
