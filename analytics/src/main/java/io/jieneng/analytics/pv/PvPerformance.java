package io.jieneng.analytics.pv;

/**
 * PV performance indicators (docs/DOMAIN.md §5). Each is null when its inputs do not define it, never 0, because a
 * 0 would read as "the array produced nothing" or "everything was exported".
 */
public final class PvPerformance {

    private PvPerformance() {
    }

    /** generationKwh ÷ capacityKwp, kWh/kWp; null without a positive capacity. */
    public static Double specificYield(double generationKwh, Double capacityKwp) {
        if (capacityKwp == null || !(capacityKwp > 0)) {
            return null;
        }
        return generationKwh / capacityKwp;
    }

    /**
     * (pvGenerationKwh − gridExportKwh) ÷ pvGenerationKwh of an institution, clipped to [0, 1]; null without
     * generation. Export can exceed generation in a period when a main meter also counts another exporter, hence
     * the clip.
     */
    public static Double selfConsumptionRate(double pvGenerationKwh, double gridExportKwh) {
        if (!(pvGenerationKwh > 0)) {
            return null;
        }
        double rate = (pvGenerationKwh - gridExportKwh) / pvGenerationKwh;
        return Math.max(0.0, Math.min(1.0, rate));
    }

    /**
     * Performance ratio (IEC 61724-1): specific yield ÷ (H ÷ G_STC) with G_STC = 1 kW/m², so with H in kWh/m² it is
     * specificYield ÷ H. Null without a specific yield, without irradiance, or when H is not positive (a range
     * wholly at night), where the ratio has no meaning.
     *
     * @param irradiationKwhPerM2 H over the same range, or null when the meter reported no irradiance
     */
    public static Double performanceRatio(Double specificYieldKwhPerKwp, Double irradiationKwhPerM2) {
        if (specificYieldKwhPerKwp == null || irradiationKwhPerM2 == null || !(irradiationKwhPerM2 > 0)) {
            return null;
        }
        return specificYieldKwhPerKwp / irradiationKwhPerM2;
    }
}
