package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.store.Arrival;
import io.jieneng.store.RollupRow;
import io.jieneng.store.RollupStore;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of the rollup job (docs/ROLLUPS.md, point 2), free of Quarkus so tests can drive it: under the state
 * row's lock, take the markers in (W, now − safety], recompute every local day they can alter hour by hour, write
 * the hours and the days, wait until they are visible, and only then move W.
 */
public final class RollupRun {

    private static final Logger LOG = Logger.getLogger(RollupRun.class);
    private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(60);
    private static final long LOG_PROGRESS_ABOVE_METER_DAYS = 1_000;
    private static final long RETENTION_CHECK_MILLIS = 3_600_000;

    /**
     * @param safety           how old a marker must be before it is rolled up (longer than any ingest write attempt)
     * @param retention        how long markers are kept behind the watermark
     * @param maxMarkersPerRun a run reads about this many markers at most, so a burst never has to fit in memory
     *                         at once; the rest is left to the next run
     */
    public record Settings(Duration safety, Duration retention, int maxMarkersPerRun) {

        public static final int DEFAULT_MAX_MARKERS_PER_RUN = 200_000;

        public Settings(Duration safety, Duration retention) {
            this(safety, retention, DEFAULT_MAX_MARKERS_PER_RUN);
        }
    }

    /**
     * What a run did: the watermark it stored, the markers it read, the meter-days it recomputed and the rows it
     * wrote; {@code more} when it stopped at {@link Settings#maxMarkersPerRun} and markers are left for another run.
     */
    public record Outcome(long watermarkMillis, int markers, long meterDays, long rows, boolean more) {
    }

    private final RollupStore store;
    private final RollupStateStore state;
    private final Recomputer recomputer;
    private final Supplier<Registry> registry;
    private final Settings settings;
    private final Clock clock;
    private long nextCleanupMillis;

    RollupRun(RollupStore store, RollupStateStore state, Recomputer recomputer, Supplier<Registry> registry,
              Settings settings, Clock clock) {
        this.store = store;
        this.state = state;
        this.recomputer = recomputer;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs once; empty when another instance holds the lock. */
    public Optional<Outcome> run() {
        Outcome[] outcome = new Outcome[1];
        Optional<RollupState> next = state.underLock(current -> {
            RollupState s = current.initialized() ? current : initialize(current);
            outcome[0] = rollUp(s.watermarkMillis());
            return new RollupState(outcome[0].watermarkMillis(), true);
        });
        if (next.isEmpty()) {
            return Optional.empty();
        }
        cleanUp(next.get().watermarkMillis());
        return Optional.of(outcome[0]);
    }

    private Outcome rollUp(long watermark) {
        long now = clock.millis();
        long until = now - settings.safety().toMillis();
        if (until <= watermark) {
            return new Outcome(watermark, 0, 0, 0, false);
        }
        // Every marker with ts <= until was committed before now (its write was bounded), so once what was
        // committed is visible, the markers read here are all there will ever be up to until.
        store.awaitIngested(VISIBILITY_WAIT);
        boolean more = false;
        long cut = store.markerTime(watermark, until, settings.maxMarkersPerRun() + 1);
        if (cut >= 0) {
            // Everything before the millisecond of the first marker over the limit; when the markers up to the
            // limit all share that millisecond, that whole millisecond, so every run makes progress.
            until = cut - 1 > watermark ? cut - 1 : cut;
            more = true;
        }
        List<Arrival> markers = store.markers(watermark, until, null);
        if (markers.isEmpty()) {
            return new Outcome(until, 0, 0, 0, more);
        }
        Map<String, Meter> meters = new HashMap<>();
        Registry snapshot = registry.get();
        Map<String, List<Arrival>> changes = Recomputer.byMeter(markers);
        changes.keySet().forEach(id -> snapshot.meter(id).ifPresent(m -> meters.put(id, m)));
        if (meters.size() < changes.size()) {
            LOG.debugf("%d marked meters are not in the registry; their rollups are left as they are",
                    changes.size() - meters.size());
        }
        long computedAt = clock.millis();
        long[] rows = new long[1];
        Progress progress = new Progress();
        long meterDays = recomputer.recompute(meters, changes, Long.MIN_VALUE, Long.MAX_VALUE, Interval.HOUR,
                new Recomputer.Chunk() {
                    @Override
                    public void accept(BucketGrid grid, Map<String, MeterSeries> series) {
                        List<RollupRow> hourly = new ArrayList<>();
                        List<RollupRow> daily = new ArrayList<>();
                        RollupRows.fromHours(series, grid, computedAt, hourly, daily);
                        store.write(hourly, daily);
                        rows[0] += hourly.size() + daily.size();
                        progress.done(daily.size());
                    }

                    @Override
                    public void planned(long meterDays) {
                        progress.planned(meterDays);
                    }
                });
        store.awaitRollups(VISIBILITY_WAIT);
        return new Outcome(until, markers.size(), meterDays, rows[0], more);
    }

    /**
     * Marks every reading already stored for recomputation, meter by meter from its earliest to its latest
     * reading: the store may hold readings written before rollups existed, which no ingest marker announces.
     * Markers dated now are picked up by a later run; until this state is committed, queries use the raw readings
     * only. Readings written from now on carry markers of their own.
     */
    private RollupState initialize(RollupState current) {
        long now = clock.millis();
        List<Arrival> marks = store.storedRanges();
        if (!marks.isEmpty()) {
            store.writeMarkers(marks, now);
            store.awaitIngested(VISIBILITY_WAIT);
            LOG.infof("rollups: %d meters already hold readings; they are rolled up from the oldest on", marks.size());
        }
        return new RollupState(current.watermarkMillis(), true);
    }

    private void cleanUp(long watermark) {
        long now = clock.millis();
        if (now < nextCleanupMillis) {
            return;
        }
        nextCleanupMillis = now + RETENTION_CHECK_MILLIS;
        store.deleteMarkersBefore(watermark - settings.retention().toMillis());
    }

    /** Logs the progress of large catch-ups, at most once per tenth. */
    private static final class Progress {
        private long planned;
        private long done;
        private long nextLog;

        void planned(long meterDays) {
            planned += meterDays;
            if (planned > LOG_PROGRESS_ABOVE_METER_DAYS) {
                LOG.infof("rollups: recomputing %d meter-days", planned);
                nextLog = done + planned / 10;
            }
        }

        void done(long meterDays) {
            done += meterDays;
            if (planned > LOG_PROGRESS_ABOVE_METER_DAYS && done >= nextLog) {
                LOG.infof("rollups: %d of %d meter-days recomputed", done, planned);
                nextLog = done + planned / 10;
            }
        }
    }
}
