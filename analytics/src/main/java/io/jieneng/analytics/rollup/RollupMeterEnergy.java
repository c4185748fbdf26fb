package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.MeterSum;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.devices.registry.Meter;
import io.jieneng.store.Arrival;
import io.jieneng.store.RollupRow;
import io.jieneng.store.RollupStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Meter energy from the rollups, merged with what is not rolled up yet, so that it always equals what
 * {@link RawMeterEnergy} computes from the readings at that moment (docs/ROLLUPS.md, point 3):
 * <ol>
 *   <li>on QuestDB, wait until the readings and markers committed so far are visible;</li>
 *   <li>read the watermark W, then the rollup rows: rows are written and visible before W moves past their
 *       markers, so rows read after W reflect at least every marker up to W;</li>
 *   <li>read the markers newer than W of the queried meters and recompute the days they can alter from the raw
 *       readings, replacing those days' rows.</li>
 * </ol>
 * Grids the rollups cannot serve exactly (not on local hour or day boundaries), and every grid before the job
 * has initialised the store, are computed from the raw readings, after the same wait; {@link #route} decides.
 */
public final class RollupMeterEnergy implements MeterEnergySource {

    /** How long a query waits for QuestDB to apply what was committed before it. */
    static final Duration INGEST_WAIT = Duration.ofSeconds(10);

    private final RawMeterEnergy raw;
    private final Supplier<RollupStore> rollups;
    private final Supplier<RollupStateStore> state;
    private final Recomputer recomputer;
    private final SumCache sumCache;

    /**
     * @param raw        the reference computation, used for what the rollups cannot serve
     * @param rollups    the rollup store; null until the platform has started
     * @param state      the job's state; null until the platform has started
     * @param recomputer recomputes days from the raw readings, in the deployment zone
     */
    RollupMeterEnergy(RawMeterEnergy raw, Supplier<RollupStore> rollups, Supplier<RollupStateStore> state,
                      Recomputer recomputer) {
        this(raw, rollups, state, recomputer, SumCache.disabled(java.time.Clock.systemUTC()));
    }

    /** @param sumCache keeps range sums between calls of {@link #sums} */
    RollupMeterEnergy(RawMeterEnergy raw, Supplier<RollupStore> rollups, Supplier<RollupStateStore> state,
                      Recomputer recomputer, SumCache sumCache) {
        this.raw = raw;
        this.rollups = rollups;
        this.state = state;
        this.recomputer = recomputer;
        this.sumCache = sumCache;
    }

    /**
     * The one decision between the rollups and the raw readings: the job's state to answer {@code grid} from the
     * rollups with, or null when the raw computation answers. The raw readings answer when the rollups are
     * disabled or not started (no store or state yet), when the job has not initialised the store, and for grids
     * the rollups cannot serve exactly: another zone, or for {@code sums} not from one local midnight to another,
     * for series not on local hour or day boundaries ({@link RollupCalendar}). Before the decision is taken on
     * the store's state, the query waits until what was committed before it is visible, so whatever path answers,
     * an acknowledged reading is in the answer at once.
     */
    RollupState route(List<Meter> meters, BucketGrid grid, boolean sums) {
        RollupStore store = rollups.get();
        RollupStateStore states = state.get();
        if (meters.isEmpty() || store == null || states == null) {
            return null;
        }
        boolean servable = grid.zone().equals(recomputer.zone()) && (sums
                ? RollupCalendar.isBoundary(grid.fromMillis(), Interval.DAY, grid.zone())
                && RollupCalendar.isBoundary(grid.toMillis(), Interval.DAY, grid.zone())
                : RollupCalendar.servable(grid));
        if (sums && !servable) {
            // Summed from series, whose own route waits.
            return null;
        }
        store.awaitIngested(INGEST_WAIT);
        if (!servable) {
            return null;
        }
        RollupState current = states.read();
        return current.initialized() ? current : null;
    }

    @Override
    public Map<String, MeterSeries> series(List<Meter> meters, BucketGrid grid) {
        RollupState current = route(meters, grid, false);
        if (current == null) {
            return raw.series(meters, grid);
        }
        RollupStore store = rollups.get();
        BucketGrid base = RollupCalendar.base(grid);
        Map<String, Meter> byId = new LinkedHashMap<>();
        Map<String, BucketSums> sums = new LinkedHashMap<>();
        for (Meter m : meters) {
            byId.put(m.id(), m);
            sums.put(m.id(), new BucketSums(RawMeterEnergy.registers(m), base.size()));
        }
        List<RollupRow> rows = grid.interval() == Interval.HOUR
                ? store.hourly(byId.keySet(), base.fromMillis(), base.toMillis())
                : store.daily(byId.keySet(), base.fromMillis(), base.toMillis());
        for (RollupRow row : rows) {
            int i = base.indexOf(row.startMillis());
            BucketSums s = sums.get(row.meter());
            if (s != null && i >= 0 && base.startMillis(i) == row.startMillis()) {
                RollupRows.put(row, s, i);
            }
        }
        List<Arrival> pending = store.markers(current.watermarkMillis(), Long.MAX_VALUE, byId.keySet());
        // Touched days are recomputed hour by hour and summed into days exactly as the job does (RollupRows
        // .fromHours), so an answer is bit for bit the same whether a day was still pending or already rolled up.
        recomputer.recompute(byId, Recomputer.byMeter(pending), base.fromMillis(), base.toMillis(),
                Interval.HOUR, (hours, series) -> {
                    if (base.interval() == Interval.HOUR) {
                        series.forEach((id, s) -> {
                            for (int j = 0; j < hours.size(); j++) {
                                RollupRows.put(s, j, sums.get(id), base.indexOf(hours.startMillis(j)));
                            }
                        });
                        return;
                    }
                    List<RollupRow> hourly = new ArrayList<>();
                    List<RollupRow> daily = new ArrayList<>();
                    RollupRows.fromHours(series, hours, 0L, hourly, daily);
                    for (RollupRow day : daily) {
                        RollupRows.put(day, sums.get(day.meter()), base.indexOf(day.startMillis()));
                    }
                });
        Map<String, MeterSeries> out = new LinkedHashMap<>();
        sums.forEach((id, s) -> out.put(id, (base == grid ? s : s.fold(base, grid)).toSeries(byId.get(id))));
        return out;
    }

    /**
     * Sums over a grid from one local midnight to another come from a grouped sum of the daily rows in the store
     * ({@link RollupSums}), with the same exactness; other grids, and stores the job has not initialised, are
     * summed from series.
     */
    @Override
    public Map<String, MeterSum> sums(List<Meter> meters, BucketGrid grid) {
        RollupState current = route(meters, grid, true);
        if (current == null) {
            return MeterEnergySource.super.sums(meters, grid);
        }
        Map<String, Meter> byId = new LinkedHashMap<>();
        meters.forEach(m -> byId.put(m.id(), m));
        return RollupSums.read(rollups.get(), current.watermarkMillis(), recomputer, byId, grid, sumCache);
    }
}
