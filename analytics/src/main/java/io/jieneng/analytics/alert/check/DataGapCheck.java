package io.jieneng.analytics.alert.check;

import io.jieneng.analytics.alert.AlertKey;
import io.jieneng.analytics.alert.AlertType;
import io.jieneng.analytics.alert.Clearance;
import io.jieneng.analytics.alert.Evaluation;
import io.jieneng.analytics.alert.Finding;
import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Completeness;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.jieneng.analytics.alert.check.Text.fmt;

/**
 * data_gap (docs/DOMAIN.md §6): a complete local day whose completeness is below the minimum, per institution, over
 * the meters that feed its totals — the same figure the consumption API reports for that day. The last
 * {@code days} days before today are checked on every run, so a backfill that completes a day resolves its alert;
 * an alert of an older day stays as it is. One batched energy query (daily rollups) for all institutions.
 */
public final class DataGapCheck {

    private static final int METERS_NAMED = 5;

    private final MeterEnergySource energy;
    private final double minCompleteness;
    private final int days;

    public DataGapCheck(MeterEnergySource energy, double minCompleteness, int days) {
        this.energy = energy;
        this.minCompleteness = minCompleteness;
        this.days = days;
    }

    public Evaluation evaluate(CheckContext ctx) {
        LocalDate first = ctx.today().minusDays(days);
        BucketGrid grid = BucketGrid.of(ctx.startOf(first), ctx.startOf(ctx.today()), Interval.DAY, ctx.zone());
        List<Meter> meters = ctx.registry().document().meters().stream().filter(Meter::countsTowardTotals).toList();
        Map<String, MeterSeries> series = meters.isEmpty() ? Map.of() : energy.series(meters, grid);
        long asOf = ctx.asOf().toEpochMilli();
        Map<String, double[]> received = new HashMap<>();
        Map<String, double[]> expected = new HashMap<>();
        Map<String, List<Shortfall>> shortfalls = new HashMap<>();
        for (Meter m : meters) {
            double[] capped = new double[grid.size()];
            double[] exp = new double[grid.size()];
            long activeFrom = m.commissioned() == null ? Long.MIN_VALUE
                    : ctx.startOf(m.commissioned()).toEpochMilli();
            Completeness.accumulate(series.get(m.id()).received(), grid, activeFrom, asOf, m.intervalSeconds(),
                    capped, exp);
            add(received.computeIfAbsent(m.institution(), k -> new double[grid.size()]), capped);
            add(expected.computeIfAbsent(m.institution(), k -> new double[grid.size()]), exp);
            for (int i = 0; i < grid.size(); i++) {
                if (exp[i] > 0 && capped[i] < exp[i]) {
                    shortfalls.computeIfAbsent(m.institution() + '|' + i, k -> new ArrayList<>())
                            .add(new Shortfall(m.id(), capped[i], exp[i]));
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        Map<AlertKey, Double> clear = new HashMap<>();
        Set<String> evaluated = new HashSet<>();
        for (Institution inst : ctx.registry().document().institutions()) {
            double[] r = received.get(inst.id());
            if (r == null) {
                continue;
            }
            evaluated.add(inst.id());
            double[] e = expected.get(inst.id());
            for (int i = 0; i < grid.size(); i++) {
                String day = first.plusDays(i).toString();
                AlertKey key = new AlertKey(AlertType.DATA_GAP, inst.id(), day);
                Double ratio = Completeness.ratio(r[i], e[i]);
                if (ratio != null && ratio < minCompleteness) {
                    findings.add(new Finding(key, inst.id(), null, ratio, minCompleteness, AlertType.DATA_GAP.unit(),
                            message(inst.id(), day, ratio, shortfalls.getOrDefault(inst.id() + '|' + i, List.of()))));
                } else {
                    clear.put(key, ratio);
                }
            }
        }
        Set<String> window = new HashSet<>();
        for (int i = 0; i < grid.size(); i++) {
            window.add(first.plusDays(i).toString());
        }
        return new Evaluation(Set.of(AlertType.DATA_GAP), findings, key -> {
            if (ctx.registry().institution(key.subject()).isEmpty()) {
                return Optional.of(new Clearance(null, "institution " + key.subject()
                        + " is no longer in the registry"));
            }
            if (!window.contains(key.period()) || !evaluated.contains(key.subject())) {
                return Optional.empty();
            }
            Double ratio = clear.get(key);
            return Optional.of(new Clearance(ratio, ratio == null ? "no reading is expected on " + key.period()
                    + " any more" : fmt("completeness of %s is now %.1f %%", key.period(), 100 * ratio)));
        });
    }

    private record Shortfall(String meterId, double received, double expected) {
    }

    private String message(String institution, String day, double ratio, List<Shortfall> shortfalls) {
        StringBuilder sb = new StringBuilder(fmt("data completeness of %s on %s is %.1f %%, below %.0f %%",
                institution, day, 100 * ratio, 100 * minCompleteness));
        List<Shortfall> worst = shortfalls.stream()
                .sorted(Comparator.comparingDouble(s -> s.received() / s.expected())).limit(METERS_NAMED).toList();
        if (!worst.isEmpty()) {
            sb.append("; readings received / expected: ");
            for (int i = 0; i < worst.size(); i++) {
                Shortfall s = worst.get(i);
                sb.append(i == 0 ? "" : ", ").append(fmt("%s %.0f/%.0f", s.meterId(), s.received(),
                        s.expected()));
            }
            if (shortfalls.size() > worst.size()) {
                sb.append(" and ").append(shortfalls.size() - worst.size()).append(" more");
            }
        }
        return sb.toString();
    }

    private static void add(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }
}
