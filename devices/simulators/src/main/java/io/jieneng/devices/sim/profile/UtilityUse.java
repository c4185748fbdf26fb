package io.jieneng.devices.sim.profile;

/**
 * Water, gas and heat of an office: water follows the people (about 0.1 m³ per occupant per working day, the
 * order of Jiangsu's per-capita water quotas for agencies), gas cooks lunch in the staff canteen and fires the
 * boiler in winter, heat comes from a district network in winter plus hot water all year.
 */
final class UtilityUse {

    private static final double WATER_M3_PER_OCCUPANT_HOUR = 0.0102;
    private static final double CANTEEN_WATER_M3_PER_OCCUPANT_HOUR = 0.007;
    private static final double WATER_LEAK_M3_PER_M2_HOUR = 0.000002;
    private static final double CANTEEN_GAS_M3_PER_OCCUPANT_HOUR = 0.018;
    private static final double BOILER_GAS_M3_PER_M2_HOUR = 0.0025;
    private static final double GAS_PILOT_M3_PER_M2_HOUR = 0.000005;
    private static final double HEATING_KW_PER_M2 = 0.035;
    private static final double HOT_WATER_KW_PER_OCCUPANT = 0.05;
    private static final long WATER_NOISE = Noise.stream("utility/water");
    private static final long GAS_NOISE = Noise.stream("utility/gas");

    private UtilityUse() {
    }

    static double waterM3PerHour(SiteTime t, double occupants, double floorAreaM2, long seed, long siteStream) {
        double people = occupants * (WATER_M3_PER_OCCUPANT_HOUR * Schedule.OCCUPANCY.at(t)
                + CANTEEN_WATER_M3_PER_OCCUPANT_HOUR * Schedule.CANTEEN.at(t));
        double wobble = 1.0 + 0.1 * Noise.smooth(seed, siteStream ^ WATER_NOISE, t.localHours() * 4.0);
        return people * wobble + WATER_LEAK_M3_PER_M2_HOUR * floorAreaM2;
    }

    static double gasM3PerHour(SiteTime t, double occupants, double floorAreaM2, double outdoorC, long seed,
                               long siteStream) {
        double canteen = CANTEEN_GAS_M3_PER_OCCUPANT_HOUR * occupants * Schedule.CANTEEN.at(t);
        double boiler = BOILER_GAS_M3_PER_M2_HOUR * floorAreaM2 * OfficeLoad.heatingDemand(outdoorC)
                * Schedule.HVAC.at(t);
        double wobble = 1.0 + 0.08 * Noise.smooth(seed, siteStream ^ GAS_NOISE, t.localHours() * 4.0);
        return (canteen + boiler) * wobble + GAS_PILOT_M3_PER_M2_HOUR * floorAreaM2;
    }

    static double heatKw(SiteTime t, double occupants, double floorAreaM2, double outdoorC) {
        return HEATING_KW_PER_M2 * floorAreaM2 * OfficeLoad.heatingDemand(outdoorC) * Schedule.HVAC.at(t)
                + HOT_WATER_KW_PER_OCCUPANT * occupants * (0.2 + 0.8 * Schedule.OCCUPANCY.at(t));
    }

    /** District-heating supply temperature, reset by outdoor temperature (weather compensation), °C. */
    static double heatSupplyC(double outdoorC) {
        return 45.0 + 25.0 * Math.min(1.0, OfficeLoad.heatingDemand(outdoorC));
    }
}
