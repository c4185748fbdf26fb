package io.jieneng.analytics.energy;

import io.jieneng.analytics.carbon.Factor;

import java.util.List;

/**
 * The answer of {@code GET /institutions/{id}/consumption} (docs/CONTRACT.md §3), with the factors that were applied
 * so that every kgce and CO₂ figure can be traced to its source.
 */
public record ConsumptionReport(String institutionId, String interval, String timezone, String from, String to,
                                List<ConsumptionBucket> buckets, ConsumptionBucket total, String factorTableVersion,
                                List<Factor> factors) {
}
