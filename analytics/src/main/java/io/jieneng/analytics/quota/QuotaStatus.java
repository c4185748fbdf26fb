package io.jieneng.analytics.quota;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;

/**
 * The status of a quota indicator (docs/DOMAIN.md §5), from best to worst: the declaration order is the severity, so
 * the worst of several statuses is the greatest.
 */
public enum QuotaStatus {
    /** The projection stays at or below 90 % of the quota. */
    OK("ok"),
    /** The projection is above 90 % of the quota, at most the quota. */
    WARNING("warning"),
    /** The projection is above the quota; the actual is not (yet). */
    AT_RISK("at_risk"),
    /** The actual is above the quota. */
    EXCEEDED("exceeded");

    private final String json;

    QuotaStatus(String json) {
        this.json = json;
    }

    /** The API's name: {@code ok, warning, at_risk, exceeded}. */
    @JsonValue
    public String jsonName() {
        return json;
    }

    /** True for the statuses that count as compliant in a regional summary: ok and warning. */
    public boolean compliant() {
        return this == OK || this == WARNING;
    }

    /** The worst of {@code statuses}, or null when there are none. */
    public static QuotaStatus worst(Collection<QuotaStatus> statuses) {
        QuotaStatus worst = null;
        for (QuotaStatus s : statuses) {
            if (worst == null || s.compareTo(worst) > 0) {
                worst = s;
            }
        }
        return worst;
    }
}
