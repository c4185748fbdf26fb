package io.jieneng.devices.sim.profile;

import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.sim.profile.DataCentreLoad.DataCentreKw;
import io.jieneng.devices.sim.profile.OfficeLoad.OfficeLoadKw;
import io.jieneng.devices.sim.profile.PvArray.PvOutput;

/**
 * The physical model of one institution: an office building with optional machine room and rooftop PV behind
 * the main meter, under the province's weather. It answers what each {@link Channel} sees at an instant; the
 * meters turn that into registers.
 */
public final class InstitutionSite {

    /** Floor area assumed when the registry gives none. */
    static final double DEFAULT_FLOOR_AREA_M2 = 10_000.0;
    /** Office floor area per occupant, used when the registry gives no occupants. */
    static final double M2_PER_OCCUPANT = 35.0;
    /** Machine-room IT load per m² of the building it serves, bounded to a plausible room size. */
    static final double IT_W_PER_M2 = 2.0;
    static final double IT_MIN_KW = 20.0;
    static final double IT_MAX_KW = 400.0;

    private final String id;
    private final double floorAreaM2;
    private final double occupants;
    private final double pvCapacityKwp;
    private final double itDesignKw;
    private final long seed;
    private final long siteStream;
    private final JiangsuWeather weather;
    private final SolarGeometry solar;
    private final WorkingCalendar calendar;

    /**
     * @param floorAreaM2    building floor area, or {@code null} for {@link #DEFAULT_FLOOR_AREA_M2}
     * @param occupants      staff, or {@code null} to derive them from the floor area
     * @param pvCapacityKwp  total PV capacity behind the main meter, kWp (0 for none)
     * @param hasDataCentre  whether the building has a machine room
     * @param calendar       decides the days off (weekends, holidays, adjusted working days)
     */
    public InstitutionSite(String id, Double floorAreaM2, Integer occupants, double pvCapacityKwp,
                           boolean hasDataCentre, long seed, WorkingCalendar calendar) {
        this.id = id;
        this.floorAreaM2 = floorAreaM2 != null && floorAreaM2 > 0 ? floorAreaM2 : DEFAULT_FLOOR_AREA_M2;
        this.occupants = occupants != null && occupants > 0 ? occupants : this.floorAreaM2 / M2_PER_OCCUPANT;
        this.pvCapacityKwp = Math.max(0.0, pvCapacityKwp);
        this.itDesignKw = hasDataCentre
                ? Math.min(IT_MAX_KW, Math.max(IT_MIN_KW, this.floorAreaM2 * IT_W_PER_M2 / 1000.0)) : 0.0;
        this.seed = seed;
        this.siteStream = Noise.stream("site/" + id);
        this.weather = new JiangsuWeather(seed);
        this.solar = SolarGeometry.JIANGSU;
        this.calendar = calendar;
    }

    public String id() {
        return id;
    }

    public double floorAreaM2() {
        return floorAreaM2;
    }

    public double pvCapacityKwp() {
        return pvCapacityKwp;
    }

    /**
     * What a meter on {@code channel} sees at {@code epochMillis}.
     *
     * @param share the meter's part of the channel: 1/n when n meters share it, or the kWp of a PV meter
     */
    public MeterRates rates(Channel channel, double share, long epochMillis) {
        SiteTime t = SiteTime.of(epochMillis, calendar);
        double outdoorC = weather.temperatureC(t);
        return switch (channel) {
            case MAIN -> main(t, outdoorC, share);
            case LIGHTING_SOCKETS -> MeterRates.electric(office(t, outdoorC).lightingSocketsKw() * share);
            case HVAC -> MeterRates.electric(office(t, outdoorC).hvacKw() * share);
            case POWER -> MeterRates.electric(office(t, outdoorC).powerKw() * share);
            case DATA_CENTRE_TOTAL -> MeterRates.electric(dataCentre(t, outdoorC).totalKw() * share);
            case DATA_CENTRE_IT -> MeterRates.electric(dataCentre(t, outdoorC).itKw() * share);
            case PV -> pv(t, outdoorC, share);
            case WATER -> MeterRates.volume(
                    UtilityUse.waterM3PerHour(t, occupants, floorAreaM2, seed, siteStream) * share);
            case GAS -> MeterRates.volume(
                    UtilityUse.gasM3PerHour(t, occupants, floorAreaM2, outdoorC, seed, siteStream) * share);
            case HEAT -> heat(t, outdoorC, share);
        };
    }

    /** The building's whole electric consumption (office and machine room), kW. */
    public double consumptionKw(long epochMillis) {
        SiteTime t = SiteTime.of(epochMillis, calendar);
        double outdoorC = weather.temperatureC(t);
        return office(t, outdoorC).totalKw() + dataCentre(t, outdoorC).totalKw();
    }

    private MeterRates main(SiteTime t, double outdoorC, double share) {
        double load = office(t, outdoorC).totalKw() + dataCentre(t, outdoorC).totalKw();
        double pv = pvCapacityKwp > 0 ? pvOutput(t, outdoorC).kwPerKwp() * pvCapacityKwp : 0.0;
        double importKw = Math.max(0.0, load - pv) * share;
        double exportKw = Math.max(0.0, pv - load) * share;
        return new MeterRates(importKw, exportKw, 0.0, 0.0, importKw, 0.0, 0.0);
    }

    private MeterRates pv(SiteTime t, double outdoorC, double capacityKwp) {
        PvOutput out = pvOutput(t, outdoorC);
        double kw = out.kwPerKwp() * capacityKwp;
        return new MeterRates(kw, 0.0, 0.0, 0.0, kw, out.irradianceWm2(), out.moduleC());
    }

    private MeterRates heat(SiteTime t, double outdoorC, double share) {
        double kw = UtilityUse.heatKw(t, occupants, floorAreaM2, outdoorC) * share;
        // 1 kWh = 3.6 MJ.
        return new MeterRates(0.0, 0.0, 0.0, kw * 0.0036, kw, 0.0, UtilityUse.heatSupplyC(outdoorC));
    }

    private OfficeLoadKw office(SiteTime t, double outdoorC) {
        return OfficeLoad.at(t, floorAreaM2, outdoorC, seed, siteStream);
    }

    private DataCentreKw dataCentre(SiteTime t, double outdoorC) {
        return itDesignKw > 0 ? DataCentreLoad.at(t, itDesignKw, outdoorC, seed, siteStream) : DataCentreKw.NONE;
    }

    private PvOutput pvOutput(SiteTime t, double outdoorC) {
        double ghi = solar.clearSkyGhiWm2(t);
        double irradiance = ghi > 0 ? ghi * weather.clearness(t, siteStream) : 0.0;
        return PvArray.at(irradiance, outdoorC);
    }
}
