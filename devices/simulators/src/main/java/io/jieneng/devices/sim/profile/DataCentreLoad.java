package io.jieneng.devices.sim.profile;

/**
 * A machine room (机房): a near-constant IT load plus cooling that works harder as the outdoor air warms, and a
 * fixed overhead (UPS and distribution losses, lighting). PUE = total ÷ IT runs from about 1.26 in winter to
 * about 1.6 on a hot afternoon, the range of a typical older government machine room.
 */
final class DataCentreLoad {

    private static final double OVERHEAD_FRACTION = 0.08;
    private static final double COOLING_BASE_FRACTION = 0.18;
    private static final double COOLING_PER_DEGREE = 0.012;
    private static final double COOLING_FREE_BELOW_C = 8.0;
    private static final double COOLING_MAX_FRACTION = 0.55;
    private static final long IT_NOISE = Noise.stream("datacentre/it");

    private DataCentreLoad() {
    }

    static DataCentreKw at(SiteTime t, double itDesignKw, double outdoorC, long seed, long siteStream) {
        // Office hours add interactive work; the noise is the batch jobs.
        double it = itDesignKw * (0.97 + 0.04 * Schedule.OCCUPANCY.at(t)
                + 0.02 * Noise.smooth(seed, siteStream ^ IT_NOISE, t.localHours()));
        double cooling = it * coolingFraction(outdoorC);
        return new DataCentreKw(it, it + cooling + it * OVERHEAD_FRACTION);
    }

    static double coolingFraction(double outdoorC) {
        double f = COOLING_BASE_FRACTION + COOLING_PER_DEGREE * Math.max(0.0, outdoorC - COOLING_FREE_BELOW_C);
        return Math.min(COOLING_MAX_FRACTION, f);
    }

    /**
     * @param itKw    IT equipment load (the 01D10 meter)
     * @param totalKw the whole machine room, IT included (the 01D00 meter)
     */
    record DataCentreKw(double itKw, double totalKw) {

        static final DataCentreKw NONE = new DataCentreKw(0.0, 0.0);
    }
}
