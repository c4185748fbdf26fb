package io.jieneng.devices.sim.profile;

/**
 * Rooftop PV output per kWp: clear-sky irradiance reduced by cloud, times a performance ratio of 0.82 that falls
 * by 0.35 %/K of module temperature above 25 °C (crystalline silicon). The module runs about 30 K above the air
 * at 1000 W/m².
 */
final class PvArray {

    private static final double PERFORMANCE_RATIO = 0.82;
    private static final double TEMPERATURE_COEFFICIENT = 0.0035;
    private static final double MODULE_RISE_K_PER_WM2 = 0.03;

    private PvArray() {
    }

    static PvOutput at(double irradianceWm2, double outdoorC) {
        double moduleC = outdoorC + MODULE_RISE_K_PER_WM2 * irradianceWm2;
        double derate = 1.0 - TEMPERATURE_COEFFICIENT * Math.max(0.0, moduleC - 25.0);
        double kwPerKwp = irradianceWm2 / 1000.0 * PERFORMANCE_RATIO * derate;
        return new PvOutput(Math.max(0.0, kwPerKwp), irradianceWm2, moduleC);
    }

    /**
     * @param kwPerKwp      AC output per kWp of installed capacity
     * @param irradianceWm2 irradiance on the array, W/m²
     * @param moduleC       module temperature, °C
     */
    record PvOutput(double kwPerKwp, double irradianceWm2, double moduleC) {
    }
}
