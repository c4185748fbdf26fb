package io.jieneng.devices.sim.profile;

/**
 * Electric load of an office building by MOHURD sub-item, scaled by floor area. Design intensities give a peak of
 * about 20 W/m² in spring, 30 W/m² in a cold winter and 45 W/m² on a hot summer afternoon, typical of public
 * office buildings in the hot-summer/cold-winter zone.
 */
final class OfficeLoad {

    private static final double LIGHTING_BASE_WM2 = 1.2;
    private static final double LIGHTING_OCCUPIED_WM2 = 11.0;
    private static final double POWER_BASE_WM2 = 0.8;
    private static final double POWER_OCCUPIED_WM2 = 4.5;
    private static final double HVAC_STANDBY_WM2 = 0.6;
    private static final double COOLING_DESIGN_WM2 = 28.0;
    private static final double HEATING_DESIGN_WM2 = 22.0;
    /** Outdoor temperatures beyond which the building needs cooling or heating. */
    static final double COOLING_BALANCE_C = 22.0;
    static final double HEATING_BALANCE_C = 12.0;
    /** Loads nobody sub-meters (small equipment rooms, outdoor lighting): the unmetered remainder. */
    private static final double OTHER_FRACTION = 0.06;
    private static final double OTHER_BASE_WM2 = 0.3;
    private static final double NOISE = 0.05;

    private static final long LIGHTING_NOISE = Noise.stream("office/lighting");
    private static final long POWER_NOISE = Noise.stream("office/power");
    private static final long HVAC_NOISE = Noise.stream("office/hvac");

    private OfficeLoad() {
    }

    /**
     * @param floorAreaM2 building floor area
     * @param outdoorC    outdoor temperature at {@code t}
     * @param siteStream  the site's noise stream
     */
    static OfficeLoadKw at(SiteTime t, double floorAreaM2, double outdoorC, long seed, long siteStream) {
        double occupancy = Schedule.OCCUPANCY.at(t);
        double kwPerWm2 = floorAreaM2 / 1000.0;
        double lighting = (LIGHTING_BASE_WM2 + LIGHTING_OCCUPIED_WM2 * occupancy) * kwPerWm2
                * wobble(seed, siteStream ^ LIGHTING_NOISE, t);
        double power = (POWER_BASE_WM2 + POWER_OCCUPIED_WM2 * occupancy) * kwPerWm2
                * wobble(seed, siteStream ^ POWER_NOISE, t);
        double demand = COOLING_DESIGN_WM2 * coolingDemand(outdoorC) + HEATING_DESIGN_WM2 * heatingDemand(outdoorC);
        double hvac = (HVAC_STANDBY_WM2 + demand * Schedule.HVAC.at(t)) * kwPerWm2
                * wobble(seed, siteStream ^ HVAC_NOISE, t);
        double other = OTHER_FRACTION * (lighting + power + hvac) + OTHER_BASE_WM2 * kwPerWm2;
        return new OfficeLoadKw(lighting, hvac, power, other);
    }

    /** Part load of the cooling plant in [0, 1.2]: 1 at 34 °C outdoors. */
    static double coolingDemand(double outdoorC) {
        return Math.min(1.2, Math.max(0.0, outdoorC - COOLING_BALANCE_C) / 12.0);
    }

    /** Part load of the heating plant in [0, 1.2]: 1 at 0 °C outdoors. */
    static double heatingDemand(double outdoorC) {
        return Math.min(1.2, Math.max(0.0, HEATING_BALANCE_C - outdoorC) / 12.0);
    }

    /** A multiplicative factor in [1 − NOISE, 1 + NOISE] that changes over about 15 minutes. */
    private static double wobble(long seed, long stream, SiteTime t) {
        return 1.0 + NOISE * Noise.smooth(seed, stream, t.localHours() * 4.0);
    }

    /**
     * Office load by sub-item, in kW.
     *
     * @param lightingSocketsKw 01A00
     * @param hvacKw            01B00
     * @param powerKw           01C00 (lifts, pumps, kitchen equipment)
     * @param otherKw           loads on no sub-meter
     */
    record OfficeLoadKw(double lightingSocketsKw, double hvacKw, double powerKw, double otherKw) {

        double totalKw() {
            return lightingSocketsKw + hvacKw + powerKw + otherKw;
        }
    }
}
