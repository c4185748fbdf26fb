package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.store.ReadingReader;
import io.jieneng.store.ReadingSink;
import io.jieneng.store.RollupStore;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything a rollup integration test drives, on one real store: the ingest sink (readings and markers), the
 * reader, the rollup store, the job with its state in a registry database, and both energy sources. One clock
 * dates the markers and drives the job; every step moves it on by a second, so that with a safety margin of zero
 * a marker is always committed before a run that could cover it.
 */
final class RollupWorld {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Small, so that the job's paging through a burst of markers runs on the real stores too. */
    static final int MAX_MARKERS_PER_RUN = 5;

    final MutableClock clock;
    final ReadingSink sink;
    final ReadingReader reader;
    final RollupStore rollups;
    final Registry registry;
    final RawMeterEnergy raw;
    private final Recomputer recomputer;
    RollupStateStore state;
    RollupMeterEnergy rolled;
    RollupRun run;

    RollupWorld(MutableClock clock, ReadingSink sink, ReadingReader reader, RollupStore rollups, List<Meter> meters,
                DataSource stateDb) {
        this.clock = clock;
        this.sink = sink;
        this.reader = reader;
        this.rollups = rollups;
        this.registry = Registry.of(new RegistryDocument(null, null, meters, null, null, null, null, null));
        this.raw = new RawMeterEnergy(() -> reader, clock);
        this.recomputer = new Recomputer(() -> reader, ZONE, clock);
        useStateDatabase(stateDb);
    }

    /** (Re)connects the job and the merged source to the state in {@code db}, as a restarted process would. */
    void useStateDatabase(DataSource db) {
        state = new RollupStateStore(db, rollups.stateKey());
        Supplier<RollupStateStore> states = () -> state;
        // With a sum cache, so every repeated sum goes through the cached path (markers since, meters re-summed).
        rolled = new RollupMeterEnergy(raw, () -> rollups, states, recomputer,
                new SumCache(clock, Duration.ZERO, Duration.ofDays(7)));
        run = new RollupRun(rollups, state, recomputer, () -> registry,
                new RollupRun.Settings(Duration.ZERO, Duration.ofDays(7), MAX_MARKERS_PER_RUN), clock);
    }

    /** Writes a batch as ingest does and waits until it is visible, so the raw reference sees it too. */
    void ingest(List<Reading> batch) throws Exception {
        clock.advance(1_000);
        sink.write(batch);
        rollups.awaitIngested(Duration.ofSeconds(30));
    }

    /** Runs the job until it has caught up, as one scheduled tick does; the outcome sums the runs. */
    Optional<RollupRun.Outcome> runJob() {
        clock.advance(1_000);
        Optional<RollupRun.Outcome> total = Optional.empty();
        while (true) {
            Optional<RollupRun.Outcome> o = run.run();
            if (o.isEmpty()) {
                return total;
            }
            RollupRun.Outcome t = total.orElse(new RollupRun.Outcome(0, 0, 0, 0, false));
            total = Optional.of(new RollupRun.Outcome(o.get().watermarkMillis(), t.markers() + o.get().markers(),
                    t.meterDays() + o.get().meterDays(), t.rows() + o.get().rows(), false));
            if (!o.get().more()) {
                return total;
            }
        }
    }

    Map<String, MeterSeries> raw(List<Meter> meters, BucketGrid grid) {
        return raw.series(meters, grid);
    }

    Map<String, MeterSeries> rolled(List<Meter> meters, BucketGrid grid) {
        return rolled.series(meters, grid);
    }

    /** The merged source equals the raw one on every grid over [from, to) (whole local days) and parts of it. */
    void assertParity(List<Meter> meters, long from, long to, String when) {
        List<BucketGrid> grids = new ArrayList<>(List.of(grid(from, to, Interval.HOUR), grid(from, to, Interval.DAY),
                grid(from, to, Interval.MONTH)));
        long day = 86_400_000L;
        if (to - from > 3 * day) {
            grids.add(grid(from + day, to - day, Interval.DAY));
            grids.add(grid(from + day + 7_200_000, to - day - 3_600_000, Interval.HOUR));
            grids.add(grid(from + day + 1_800_000, to - day, Interval.DAY));
        }
        for (BucketGrid g : grids) {
            Map<String, MeterSeries> expected = raw(meters, g);
            Parity.assertSame(expected, rolled(meters, g), when + ", " + g);
            Parity.assertSameSums(expected, rolled.sums(meters, g), when + ", " + g);
        }
    }

    static BucketGrid grid(long from, long to, Interval interval) {
        return BucketGrid.of(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), interval, ZONE);
    }
}
