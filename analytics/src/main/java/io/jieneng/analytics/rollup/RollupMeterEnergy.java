package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.MeterSum;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.devices.registry.Meter;
import io.jieneng.ingest.sink.Arrival;

import java.time.Duration;
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
 * has initialised the store, are computed from the raw readings, after the same wait.
 */
public final class RollupMeterEnergy implements MeterEnergySource {

    /** How long a query waits for QuestDB to apply what was committed before it. */
    static final Duration INGEST_WAIT = Duration.ofSeconds(10);

    private final RawMeterEnergy raw;
    private final Supplier<RollupStore> rollups;
    private final Supplier<RollupStateStore> state;
    private final Recomputer recomputer;

    /**
     * @param raw        the reference computation, used for what the rollups cannot serve
     * @param rollups    the rollup store; null until the platform has started
     * @param state      the job's state; null until the platform has started
     * @param recomputer recomputes days from the raw readings, in the deployment zone
     */
    RollupMeterEnergy(RawMeterEnergy raw, Supplier<RollupStore> rollups, Supplier<RollupStateStore> state,
                      Recomputer recomputer) {
        this.raw = raw;
        this.rollups = rollups;
        this.state = state;
        this.recomputer = recomputer;
    }

    @Override
    public Map<String, MeterSeries> series(List<Meter> meters, BucketGrid grid) {
        RollupStore store = rollups.get();
        RollupStateStore states = state.get();
        if (meters.isEmpty() || store == null || states == null) {
            return raw.series(meters, grid);
        }
        // Whatever path answers, an acknowledged reading is in the answer at once.
        store.awaitIngested(INGEST_WAIT);
        if (!grid.zone().equals(recomputer.zone()) || !RollupCalendar.servable(grid)) {
            return raw.series(meters, grid);
        }
        RollupState current = states.read();
        if (!current.initialized()) {
            return raw.series(meters, grid);
        }
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
        recomputer.recompute(byId, Recomputer.byMeter(pending), base.fromMillis(), base.toMillis(),
                base.interval(), (g, series) -> series.forEach((id, s) -> {
                    BucketSums target = sums.get(id);
                    for (int j = 0; j < g.size(); j++) {
                        RollupRows.put(s, j, target, base.indexOf(g.startMillis(j)));
                    }
                }));
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
        RollupStore store = rollups.get();
        RollupStateStore states = state.get();
        if (meters.isEmpty() || store == null || states == null || !grid.zone().equals(recomputer.zone())
                || !RollupCalendar.isBoundary(grid.fromMillis(), Interval.DAY, grid.zone())
                || !RollupCalendar.isBoundary(grid.toMillis(), Interval.DAY, grid.zone())) {
            return MeterEnergySource.super.sums(meters, grid);
        }
        store.awaitIngested(INGEST_WAIT);
        RollupState current = states.read();
        if (!current.initialized()) {
            return MeterEnergySource.super.sums(meters, grid);
        }
        Map<String, Meter> byId = new LinkedHashMap<>();
        meters.forEach(m -> byId.put(m.id(), m));
        return RollupSums.read(store, current.watermarkMillis(), recomputer, byId, grid);
    }
}
