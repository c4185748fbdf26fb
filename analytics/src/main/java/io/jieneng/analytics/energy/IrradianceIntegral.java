package io.jieneng.analytics.energy;

import java.util.Arrays;
import java.util.Objects;

/**
 * Irradiation per bucket of a {@link BucketGrid}, in kWh/m² (see {@link IrradianceIntegrator}).
 *
 * @param perBucketKwhPerM2 the integral of irradiance over each bucket, kWh/m²
 * @param estimated         true for a bucket that a gap between two irradiance readings overlaps
 * @param pairs             the pairs of consecutive readings that overlap the grid's range; 0 means the meter
 *                          reported no irradiance there, so the irradiation is unknown rather than zero
 */
public record IrradianceIntegral(double[] perBucketKwhPerM2, boolean[] estimated, int pairs) {

    public IrradianceIntegral {
        Objects.requireNonNull(perBucketKwhPerM2, "perBucketKwhPerM2");
        Objects.requireNonNull(estimated, "estimated");
        if (perBucketKwhPerM2.length != estimated.length) {
            throw new IllegalArgumentException("perBucketKwhPerM2 and estimated differ in length");
        }
        perBucketKwhPerM2 = perBucketKwhPerM2.clone();
        estimated = estimated.clone();
    }

    @Override
    public double[] perBucketKwhPerM2() {
        return perBucketKwhPerM2.clone();
    }

    @Override
    public boolean[] estimated() {
        return estimated.clone();
    }

    /** True when at least one pair of irradiance readings overlaps the range. */
    public boolean known() {
        return pairs > 0;
    }

    /** The irradiation over the whole range, kWh/m². */
    public double totalKwhPerM2() {
        double sum = 0;
        for (double h : perBucketKwhPerM2) {
            sum += h;
        }
        return sum;
    }

    /** True when any bucket is estimated. */
    public boolean anyEstimated() {
        for (boolean e : estimated) {
            if (e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IrradianceIntegral other && pairs == other.pairs
                && Arrays.equals(perBucketKwhPerM2, other.perBucketKwhPerM2)
                && Arrays.equals(estimated, other.estimated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(perBucketKwhPerM2), Arrays.hashCode(estimated), pairs);
    }

    @Override
    public String toString() {
        return "IrradianceIntegral[perBucketKwhPerM2=" + Arrays.toString(perBucketKwhPerM2) + ", estimated="
                + Arrays.toString(estimated) + ", pairs=" + pairs + "]";
    }
}
