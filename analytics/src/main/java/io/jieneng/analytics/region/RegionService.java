package io.jieneng.analytics.region;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.quota.QuotaAssessment;
import io.jieneng.analytics.quota.QuotaPeriod;
import io.jieneng.analytics.quota.QuotaService;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regional summaries (docs/DOMAIN.md §6): every institution of the region's subtree assessed at once through
 * {@link QuotaService#assess}, whose grouped sums give both the totals and the quota statuses, then rolled up
 * the region tree. The cost is a few grouped sums in the store whatever the number of institutions.
 */
@ApplicationScoped
public class RegionService {

    @Inject
    QuotaService quotas;

    @Inject
    RegistryService registry;

    @Inject
    FactorTable factors;

    @Inject
    JienengConfig config;

    /**
     * The summary of {@code region} for {@code year} up to {@code asOf} (default: today in the current year,
     * 31 December in a past one).
     *
     * @throws io.jieneng.analytics.error.ApiException 400 for a future year or an asOf outside the year
     */
    public RegionSummary summary(Region region, int year, Optional<LocalDate> asOf) {
        QuotaPeriod period = quotas.period(year, asOf);
        Registry snapshot = registry.current();
        Map<String, String> branches = RegionRollup.branches(snapshot, region);
        List<Institution> institutions = RegionRollup.institutionsWithin(snapshot, branches);
        QuotaAssessment assessment = quotas.assess(snapshot, institutions, period);
        return RegionRollup.summarize(snapshot, region, branches, institutions, assessment, factors,
                config.gridRegion(), config.timezone());
    }

    /** The current year in the deployment time zone. */
    public int currentYear() {
        return quotas.currentYear();
    }
}
