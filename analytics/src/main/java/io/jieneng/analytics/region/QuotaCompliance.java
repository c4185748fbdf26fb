package io.jieneng.analytics.region;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the institutions of a region stand against their quotas (docs/DOMAIN.md §6). An institution's status is the
 * worst of its indicators.
 *
 * @param unassessed     institutions with a quota none of whose indicators can be computed (no occupants or floor
 *                       area in the registry); they count as institutions with a quota, not as compliant
 * @param withQuota      institutions with a quota for the year: ok + warning + at_risk + exceeded + unassessed
 * @param complianceRate (ok + warning) ÷ withQuota; null when no institution has a quota
 */
public record QuotaCompliance(int ok, int warning, @JsonProperty("at_risk") int atRisk, int exceeded,
                              int unassessed, int withQuota, Double complianceRate) {
}
