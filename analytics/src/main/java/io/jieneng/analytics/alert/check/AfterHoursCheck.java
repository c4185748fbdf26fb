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
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.jieneng.analytics.alert.check.Text.fmt;

/**
 * after_hours_waste (docs/DOMAIN.md §6): over the last {@code days} complete local days, the mean after-hours power of
 * an institution's main electricity meters above {@code ratio} × their mean working-hours power, working time
 * per the {@link WorkingCalendar}. The condition is ongoing (no period): the alert stays open while each run
 * finds it and resolves on the first run that does not.
 *
 * <p>Only institutions whose main meters are at least {@code minCompleteness} complete over the window are
 * judged: missing readings would read as zero power. Others keep their alert as it is (data_gap reports them).
 * One batched hourly energy query (hourly rollups) for all institutions.
 */
public final class AfterHoursCheck {

    private final MeterEnergySource energy;
    private final WorkingCalendar calendar;
    private final double ratio;
    private final int days;
    private final double minCompleteness;

    public AfterHoursCheck(MeterEnergySource energy, WorkingCalendar calendar, double ratio, int days,
                           double minCompleteness) {
        this.energy = energy;
        this.calendar = calendar;
        this.ratio = ratio;
        this.days = days;
        this.minCompleteness = minCompleteness;
    }

    /** Main electricity meters feed grid import (docs/DOMAIN.md §2); their import is the load being judged. */
    static boolean isMain(Meter m) {
        return m.type() == MeterType.ELECTRICITY && m.role() == MeterRole.MAIN;
    }

    public Evaluation evaluate(CheckContext ctx) {
        LocalDate first = ctx.today().minusDays(days);
        LocalDate last = ctx.today().minusDays(1);
        BucketGrid grid = BucketGrid.of(ctx.startOf(first), ctx.startOf(ctx.today()), Interval.HOUR, ctx.zone());
        Map<String, List<Meter>> byInstitution = new LinkedHashMap<>();
        ctx.registry().document().meters().stream().filter(AfterHoursCheck::isMain)
                .forEach(m -> byInstitution.computeIfAbsent(m.institution(), k -> new ArrayList<>()).add(m));
        List<Meter> meters = byInstitution.values().stream().flatMap(List::stream).toList();
        Map<String, MeterSeries> series = meters.isEmpty() ? Map.of() : energy.series(meters, grid);
        double[] shares = AfterHours.workingShares(grid, calendar);
        List<Finding> findings = new ArrayList<>();
        Map<String, AfterHours> judged = new HashMap<>();
        for (Map.Entry<String, List<Meter>> e : byInstitution.entrySet()) {
            double[] kwh = new double[grid.size()];
            double capped = 0;
            double expected = 0;
            for (Meter m : e.getValue()) {
                MeterSeries s = series.get(m.id());
                double[] mk = s.energy(ReadingField.ENERGY_KWH);
                for (int i = 0; i < kwh.length; i++) {
                    kwh[i] += mk[i];
                }
                double[] c = new double[grid.size()];
                double[] x = new double[grid.size()];
                long activeFrom = m.commissioned() == null ? Long.MIN_VALUE
                        : ctx.startOf(m.commissioned()).toEpochMilli();
                Completeness.accumulate(s.received(), grid, activeFrom, ctx.asOf().toEpochMilli(),
                        m.intervalSeconds(), c, x);
                for (int i = 0; i < c.length; i++) {
                    capped += c[i];
                    expected += x[i];
                }
            }
            Double completeness = Completeness.ratio(capped, expected);
            AfterHours split = AfterHours.of(kwh, grid, shares);
            if (completeness == null || completeness < minCompleteness || Double.isNaN(split.ratio())) {
                continue;
            }
            judged.put(e.getKey(), split);
            if (split.ratio() > ratio) {
                String message = fmt("from %s to %s the main meters of %s drew %.2f kW on average "
                                + "outside working hours, %.1f %% of the %.2f kW during working hours (limit %.0f %%)",
                        first, last, e.getKey(), split.meanAfterHoursKw(), 100 * split.ratio(), split.meanWorkingKw(),
                        100 * ratio);
                findings.add(new Finding(new AlertKey(AlertType.AFTER_HOURS_WASTE, e.getKey(), ""), e.getKey(), null,
                        split.ratio(), ratio, AlertType.AFTER_HOURS_WASTE.unit(), message));
            }
        }
        return new Evaluation(Set.of(AlertType.AFTER_HOURS_WASTE), findings, key -> {
            if (ctx.registry().institution(key.subject()).isEmpty()) {
                return Optional.of(new Clearance(null, "institution " + key.subject()
                        + " is no longer in the registry"));
            }
            AfterHours split = judged.get(key.subject());
            return split == null ? Optional.empty() : Optional.of(new Clearance(split.ratio(), String.format(
                    "from %s to %s after-hours power was %.1f %% of working-hours power", first, last,
                    100 * split.ratio())));
        });
    }
}
