package io.jieneng.analytics.energy;

import java.util.Arrays;
import java.util.Objects;

/**
 * The energy of one register of one meter per bucket of a {@link BucketGrid}, in the register's own unit (kWh for
 * {@code energyKwh}/{@code exportKwh}, m³ for {@code volumeM3}, GJ for {@code heatGj}). Every value is ≥ 0.
 *
 * <p>The arrays are copied in and out, so the record is immutable; use {@link #addInto} to sum meters without
 * copying.
 *
 * @param perBucket energy apportioned to each bucket
 * @param estimated true for a bucket that a gap (a pair of readings further apart than the gap threshold) overlaps
 * @param resets    register resets (a reading below its predecessor) among the pairs that overlap the range
 * @param total     the sum of {@code perBucket}
 */
public record RegisterEnergy(double[] perBucket, boolean[] estimated, int resets, double total) {

    public RegisterEnergy {
        Objects.requireNonNull(perBucket, "perBucket");
        Objects.requireNonNull(estimated, "estimated");
        if (perBucket.length != estimated.length) {
            throw new IllegalArgumentException("perBucket and estimated differ in length: " + perBucket.length
                    + " vs " + estimated.length);
        }
        perBucket = perBucket.clone();
        estimated = estimated.clone();
    }

    /** All zeros, nothing estimated: a register with no reading pair in the range. */
    public static RegisterEnergy zero(int buckets) {
        return new RegisterEnergy(new double[buckets], new boolean[buckets], 0, 0.0);
    }

    @Override
    public double[] perBucket() {
        return perBucket.clone();
    }

    @Override
    public boolean[] estimated() {
        return estimated.clone();
    }

    public int size() {
        return perBucket.length;
    }

    public double perBucket(int i) {
        return perBucket[i];
    }

    public boolean estimated(int i) {
        return estimated[i];
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

    /** Adds this register's energy to {@code sums} and ORs its estimated flags into {@code estimatedAny}. */
    public void addInto(double[] sums, boolean[] estimatedAny) {
        if (sums.length != perBucket.length || estimatedAny.length != perBucket.length) {
            throw new IllegalArgumentException("expected arrays of " + perBucket.length + " buckets");
        }
        for (int i = 0; i < perBucket.length; i++) {
            sums[i] += perBucket[i];
            estimatedAny[i] |= estimated[i];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterEnergy other
                && resets == other.resets
                && Double.compare(total, other.total) == 0
                && Arrays.equals(perBucket, other.perBucket)
                && Arrays.equals(estimated, other.estimated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(perBucket), Arrays.hashCode(estimated), resets, total);
    }

    @Override
    public String toString() {
        return "RegisterEnergy[perBucket=" + Arrays.toString(perBucket) + ", estimated=" + Arrays.toString(estimated)
                + ", resets=" + resets + ", total=" + total + "]";
    }
}
