package io.jieneng.analytics.alert.check;

import io.jieneng.analytics.alert.AlertKey;
import io.jieneng.analytics.alert.AlertType;
import io.jieneng.analytics.alert.Clearance;
import io.jieneng.analytics.alert.Evaluation;
import io.jieneng.analytics.alert.Finding;
import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.pue.Pue;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Meter;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.jieneng.analytics.alert.check.Text.fmt;

/**
 * pue_above_limit (docs/DOMAIN.md §5): a data centre whose PUE over a calendar month is above the limit (1.50, the
 * GB 40879-2021 limit value), computed like {@code GET /datacenters/{id}/pue} over that month. Two months are
 * judged on every run: the previous month, and the current month over its complete days so far (a month in
 * progress alerts early and resolves if the month ends within the limit). The period is the month
 * ({@code 2026-03}); an older month's alert stays as it is. One batched query for all data centres.
 */
public final class PueCheck {

    private final MeterEnergySource energy;
    private final double limit;

    public PueCheck(MeterEnergySource energy, double limit) {
        this.energy = energy;
        this.limit = limit;
    }

    public Evaluation evaluate(CheckContext ctx) {
        LocalDate today = ctx.today();
        YearMonth previous = YearMonth.from(today).minusMonths(1);
        BucketGrid grid = BucketGrid.of(ctx.startOf(previous.atDay(1)), ctx.startOf(today), Interval.MONTH,
                ctx.zone());
        List<DataCenter> centres = new ArrayList<>();
        Map<String, Meter> meters = new LinkedHashMap<>();
        for (DataCenter dc : ctx.registry().document().dataCenters()) {
            Optional<Meter> it = ctx.registry().meter(dc.itMeter());
            Optional<Meter> total = ctx.registry().meter(dc.totalMeter());
            if (it.isPresent() && total.isPresent()) {
                centres.add(dc);
                meters.put(it.get().id(), it.get());
                meters.put(total.get().id(), total.get());
            }
        }
        Map<String, MeterSeries> series = meters.isEmpty() ? Map.of()
                : energy.series(List.copyOf(meters.values()), grid);
        List<Finding> findings = new ArrayList<>();
        Map<AlertKey, Double> judged = new HashMap<>();
        for (DataCenter dc : centres) {
            double[] it = series.get(dc.itMeter()).energy(ReadingField.ENERGY_KWH);
            double[] total = series.get(dc.totalMeter()).energy(ReadingField.ENERGY_KWH);
            for (int i = 0; i < grid.size(); i++) {
                YearMonth month = YearMonth.from(grid.start(i).atZone(ctx.zone()));
                Double pue = Pue.of(it[i], total[i]);
                if (pue == null) {
                    continue;
                }
                AlertKey key = new AlertKey(AlertType.PUE_ABOVE_LIMIT, dc.id(), month.toString());
                judged.put(key, pue);
                if (pue > limit) {
                    LocalDate lastDay = LocalDate.ofInstant(grid.end(i), ctx.zone()).minusDays(1);
                    String through = month.atEndOfMonth().equals(lastDay) ? "" : " (through " + lastDay + ")";
                    findings.add(new Finding(key, dc.institution(), null, pue, limit, AlertType.PUE_ABOVE_LIMIT.unit(),
                            fmt("PUE of data centre %s in %s%s is %.3f (IT %.1f kWh, total %.1f kWh), "
                                    + "above the GB 40879-2021 limit of %.2f", dc.id(), month, through, pue, it[i],
                                    total[i], limit)));
                }
            }
        }
        return new Evaluation(Set.of(AlertType.PUE_ABOVE_LIMIT), findings, key -> {
            if (ctx.registry().dataCenter(key.subject()).isEmpty()) {
                return Optional.of(new Clearance(null, "data centre " + key.subject()
                        + " is no longer in the registry"));
            }
            Double pue = judged.get(key);
            return pue == null ? Optional.empty() : Optional.of(new Clearance(pue,
                    fmt("PUE of %s is now %.3f", key.period(), pue)));
        });
    }
}
