package io.jieneng.analytics.rollup;

import io.jieneng.devices.registry.Registry;
import io.jieneng.store.RollupStore;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs analytics' rollup job once, to completion, on an InfluxDB database, as the platform's scheduled job does
 * (docs/ROLLUPS.md), so the dashboard tests find energy_hourly and energy_daily filled by the real code. It lives
 * in the rollup package because the job's parts are package-private; it calls nothing but their constructors and
 * {@link RollupRun#run()}.
 */
public final class DashboardRollups {

    private DashboardRollups() {
    }

    /**
     * Rolls up every marked reading of {@code database} and returns the rows written. The safety margin is zero:
     * the caller runs this after every reading it waits for was acknowledged, so every marker is committed.
     */
    public static long runToCompletion(String influxUrl, String database, DataSource stateDb,
                                       Supplier<Registry> registry, ZoneId zone) {
        try (Store timeSeries = Stores.open(StoreSettings.influxDb(influxUrl, database, null, null), registry)) {
            RollupStore store = timeSeries.rollups();
            Clock clock = Clock.systemUTC();
            RollupRun run = new RollupRun(store, new RollupStateStore(stateDb, store.stateKey()),
                    new Recomputer(timeSeries::reader, zone, clock), registry,
                    new RollupRun.Settings(Duration.ZERO, Duration.ofDays(7)), clock);
            long rows = 0;
            while (true) {
                Optional<RollupRun.Outcome> outcome = run.run();
                if (outcome.isEmpty()) {
                    throw new IllegalStateException("another job holds the rollup state of " + database);
                }
                rows += outcome.get().rows();
                if (!outcome.get().more()) {
                    return rows;
                }
            }
        }
    }
}
