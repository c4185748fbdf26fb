package io.jieneng.analytics.quota;

import java.time.LocalDate;

/**
 * The quota arithmetic of docs/DOMAIN.md §5, as pure functions.
 *
 * <p>Comparisons with a limit treat values within one part in 10⁹ of it as equal to it. The amounts are sums of
 * register deltas multiplied by factors such as 0.1229 kgce/kWh, which a double cannot hold exactly: a
 * consumption of exactly the quota can come out a few units in the last place above it, and must not read as
 * exceeded. No real difference is that small (10⁻⁹ of a 1,000,000 kgce quota is 0.001 kgce).
 */
public final class QuotaMath {

    /** Relative tolerance of the comparisons with a limit. */
    public static final double RELATIVE_TOLERANCE = 1e-9;
    /** A projection above this share of the quota is a warning. */
    public static final double WARNING_SHARE = 0.9;

    private QuotaMath() {
    }

    /** dayOfYear(asOf) ÷ lengthOfYear(asOf's year): 1 on 31 December, 1/366 on 1 January of a leap year. */
    public static double elapsedFraction(LocalDate asOf) {
        return asOf.getDayOfYear() / (double) asOf.lengthOfYear();
    }

    /** The linear projection: actual ÷ elapsedFraction (0 &lt; elapsedFraction ≤ 1). */
    public static double linearProjection(double actual, double elapsedFraction) {
        if (!(elapsedFraction > 0 && elapsedFraction <= 1)) {
            throw new IllegalArgumentException("elapsedFraction must be in (0, 1], was " + elapsedFraction);
        }
        return actual / elapsedFraction;
    }

    /**
     * The seasonal factor: the previous year's total ÷ its total up to the same day, or null when it is undefined
     * (nothing up to that day, or a total below the part, which cumulative energy cannot produce).
     */
    public static Double seasonalFactor(double previousYearTotal, double previousYearToSameDay) {
        if (!(previousYearToSameDay > 0) || !(previousYearTotal >= previousYearToSameDay)
                || !Double.isFinite(previousYearTotal)) {
            return null;
        }
        return previousYearTotal / previousYearToSameDay;
    }

    /** 100 × actual ÷ quota, or null for a quota of 0 (the share is undefined). */
    public static Double usedPct(double actual, double quota) {
        return quota > 0 ? 100.0 * actual / quota : null;
    }

    /**
     * {@code exceeded} if actual &gt; quota, else {@code at_risk} if projected &gt; quota, else {@code warning} if
     * projected &gt; 0.9 × quota, else {@code ok}; "&gt;" beyond {@link #RELATIVE_TOLERANCE}.
     */
    public static QuotaStatus status(double actual, double projected, double quota) {
        if (greater(actual, quota)) {
            return QuotaStatus.EXCEEDED;
        }
        if (greater(projected, quota)) {
            return QuotaStatus.AT_RISK;
        }
        if (greater(projected, WARNING_SHARE * quota)) {
            return QuotaStatus.WARNING;
        }
        return QuotaStatus.OK;
    }

    /** value &gt; limit by more than {@link #RELATIVE_TOLERANCE} of the limit. */
    static boolean greater(double value, double limit) {
        return value - limit > RELATIVE_TOLERANCE * Math.abs(limit);
    }
}
