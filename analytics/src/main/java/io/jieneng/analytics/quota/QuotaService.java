package io.jieneng.analytics.quota;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.quota.InstitutionTotals.Expectation;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Quota;
import io.jieneng.devices.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quota status of institutions (docs/DOMAIN.md §5): actual, projection, share used and status of each indicator their
 * quota sets for a year. Quotas are read from the current registry snapshot on every call, so a quota changed by
 * {@code PUT /registry} applies at once. Many institutions are assessed together from one grouped sum per range
 * ({@link InstitutionTotals}), never one query per institution.
 *
 * <p>This is the API the quota endpoint, the regional summary, the quota alerts and the audit report share, so all
 * of them agree on every figure.
 */
@ApplicationScoped
public class QuotaService {

    @Inject
    InstitutionTotals totals;

    @Inject
    RegistryService registry;

    @Inject
    FactorTable factors;

    @Inject
    JienengConfig config;

    @Inject
    QuotaConfig quotaConfig;

    Clock clock = Clock.systemUTC();

    /** Today in the deployment time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.timezone()));
    }

    /** The current year in the deployment time zone. */
    public int currentYear() {
        return today().getYear();
    }

    /**
     * The period of {@code year} up to {@code asOf} (default: today in the current year, 31 December in a past
     * one).
     *
     * @throws ApiException 400 for a future year, an asOf outside the year or after today
     */
    public QuotaPeriod period(int year, Optional<LocalDate> asOf) {
        return QuotaPeriod.resolve(year, asOf, today());
    }

    /**
     * The quota report of one institution.
     *
     * @throws ApiException 404 when the registry holds no quota for the institution and year; 400 as
     *                      {@link #period}
     */
    public QuotaReport quota(Institution institution, int year, Optional<LocalDate> asOf) {
        QuotaPeriod period = period(year, asOf);
        Registry snapshot = registry.current();
        if (snapshot.quota(institution.id(), year).isEmpty()) {
            throw ApiException.notFound("no quota", "institution " + institution.id() + " has no quota for "
                    + year + " in the registry");
        }
        return assess(snapshot, List.of(institution), period).reports().get(institution.id());
    }

    /** The quota report of one institution, or empty when it has no quota for the period's year. */
    public Optional<QuotaReport> find(Institution institution, QuotaPeriod period) {
        return Optional.ofNullable(assess(List.of(institution), period).reports().get(institution.id()));
    }

    /** {@link #assess(Registry, Collection, QuotaPeriod)} on the current registry snapshot. */
    public QuotaAssessment assess(Collection<Institution> institutions, QuotaPeriod period) {
        return assess(registry.current(), institutions, period);
    }

    /**
     * The totals of every institution given over the period's counted range, and the report of each that has a
     * quota for the year. At most three grouped sums: the counted range, and for the seasonal projection the
     * previous year and the previous year up to the same day (one sum when asOf is 31 December).
     *
     * @param snapshot the registry snapshot to read institutions, meters and quotas from
     */
    public QuotaAssessment assess(Registry snapshot, Collection<Institution> institutions, QuotaPeriod period) {
        Map<String, EnergyTotals> actual = totals.over(snapshot, institutions, period.from(), period.toExclusive(),
                Expectation.ACTIVE);
        List<Institution> withQuota = new ArrayList<>();
        for (Institution i : institutions) {
            if (snapshot.quota(i.id(), period.year()).isPresent()) {
                withQuota.add(i);
            }
        }
        Map<String, QuotaReport> reports = new LinkedHashMap<>();
        if (withQuota.isEmpty()) {
            return new QuotaAssessment(period, actual, reports);
        }
        int previous = period.year() - 1;
        LocalDate previousStart = LocalDate.of(previous, 1, 1);
        Map<String, EnergyTotals> previousYear = totals.over(snapshot, withQuota, previousStart,
                LocalDate.of(period.year(), 1, 1), Expectation.WHOLE_RANGE);
        Map<String, EnergyTotals> previousToSameDay = period.yearComplete() ? previousYear
                : totals.over(snapshot, withQuota, previousStart, period.previousYearSameDay().plusDays(1),
                Expectation.WHOLE_RANGE);
        ZoneId zone = config.timezone();
        for (Institution i : withQuota) {
            Quota quota = snapshot.quota(i.id(), period.year()).orElseThrow();
            reports.put(i.id(), QuotaEvaluator.evaluate(i, quota, new QuotaEvaluator.Inputs(period,
                    actual.get(i.id()), previousYear.get(i.id()), previousToSameDay.get(i.id()),
                    quotaConfig.seasonalMinCompleteness(), factors, zone)));
        }
        return new QuotaAssessment(period, actual, reports);
    }
}
