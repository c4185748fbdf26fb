package io.jieneng.analytics.quota;

/**
 * An indicator the quota sets but that cannot be computed for the institution, because the registry lacks what it
 * divides by (its occupants or floor area). It has no status and is left out of the report's {@code indicators}.
 */
public record UnavailableIndicator(QuotaIndicator indicator, double quota, String reason) {
}
