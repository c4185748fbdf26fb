package io.jieneng.analytics.region;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.quota.EnergyTotals;
import io.jieneng.analytics.quota.QuotaAssessment;
import io.jieneng.analytics.quota.QuotaPeriod;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.Vehicle;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rolls institution figures up a region tree (docs/DOMAIN.md §6). Pure: the totals and statuses come in computed. */
final class RegionRollup {

    private RegionRollup() {
    }

    /**
     * Per region code of {@code root}'s subtree (root included), the code of the direct child of root it lies in,
     * or root's own code for root itself.
     */
    static Map<String, String> branches(Registry registry, Region root) {
        Map<String, String> out = new HashMap<>();
        out.put(root.code(), root.code());
        Deque<String[]> todo = new ArrayDeque<>();
        for (Region child : registry.childrenOf(root.code())) {
            todo.add(new String[]{child.code(), child.code()});
        }
        while (!todo.isEmpty()) {
            String[] next = todo.poll();
            // A cycle cannot pass validation, but must not loop here either.
            if (out.putIfAbsent(next[0], next[1]) == null) {
                registry.childrenOf(next[0]).forEach(c -> todo.add(new String[]{c.code(), next[1]}));
            }
        }
        return out;
    }

    /** The institutions of {@code root}'s subtree, in registry order. */
    static List<Institution> institutionsWithin(Registry registry, Map<String, String> branches) {
        List<Institution> out = new ArrayList<>();
        for (Institution i : registry.document().institutions()) {
            if (branches.containsKey(i.region())) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * @param assessment totals and quota reports of every institution of the subtree over the period
     */
    static RegionSummary summarize(Registry registry, Region root, Map<String, String> branches,
                                   List<Institution> institutions, QuotaAssessment assessment, FactorTable factors,
                                   String gridRegion, ZoneId zone) {
        QuotaPeriod period = assessment.period();
        int year = period.year();
        RegionFigures all = new RegionFigures(factors);
        RegionFigures direct = new RegionFigures(factors);
        Map<String, RegionFigures> children = new LinkedHashMap<>();
        registry.childrenOf(root.code()).forEach(c -> children.put(c.code(), new RegionFigures(factors)));
        Map<String, RegionFigures> byInstitution = new HashMap<>();
        for (Institution i : institutions) {
            String branch = branches.get(i.region());
            RegionFigures part = branch.equals(root.code()) ? direct : children.get(branch);
            byInstitution.put(i.id(), part);
            EnergyTotals t = assessment.totals().getOrDefault(i.id(), EnergyTotals.ZERO);
            boolean hasQuota = assessment.reports().containsKey(i.id());
            var status = assessment.status(i.id()).orElse(null);
            all.addInstitution(i, t, hasQuota, status);
            part.addInstitution(i, t, hasQuota, status);
        }
        for (Vehicle v : registry.document().vehicles()) {
            RegionFigures part = byInstitution.get(v.institution());
            if (part != null && v.acquired() != null && v.acquired().getYear() == year) {
                all.addVehicle(v.energy());
                part.addVehicle(v.energy());
            }
        }
        List<RegionRow> rows = new ArrayList<>();
        for (Region c : registry.childrenOf(root.code())) {
            rows.add(children.get(c.code()).row(c.code(), c.name(), c.level().json(), gridRegion, year));
        }
        Double nevShare = all.nevShare();
        return new RegionSummary(root.code(), root.name(), root.level().json(), year, period.asOf().toString(),
                zone.getId(), TimeRange.iso(period.from().atStartOfDay(zone).toInstant(), zone),
                TimeRange.iso(period.toExclusive().atStartOfDay(zone).toInstant(), zone), all.institutions(),
                all.totals(gridRegion, year), all.kgcePerCapita(), all.kgcePerM2(), all.compliance(),
                all.conservationTargetMet(), RegionFigures.CONSERVATION_TARGET, nevShare, RegionFigures.NEV_TARGET,
                nevShare == null ? null : nevShare >= RegionFigures.NEV_TARGET, all.vehicles(), rows,
                direct.row(root.code(), root.name(), root.level().json(), gridRegion, year), factors.version());
    }
}
