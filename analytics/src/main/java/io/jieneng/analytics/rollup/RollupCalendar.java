package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;

import java.time.Instant;
import java.time.ZoneId;

/** Which grids the rollups can serve exactly. Pure functions. */
final class RollupCalendar {

    private RollupCalendar() {
    }

    /**
     * True when hourly rows make up {@code grid} exactly (an hour grid from one local hour boundary to another),
     * or daily rows do (a day or month grid from one local midnight to another). Any other grid has partial
     * buckets the rollups cannot split.
     */
    static boolean servable(BucketGrid grid) {
        Interval rows = grid.interval() == Interval.HOUR ? Interval.HOUR : Interval.DAY;
        return isBoundary(grid.fromMillis(), rows, grid.zone()) && isBoundary(grid.toMillis(), rows, grid.zone());
    }

    /** True when a bucket of {@code interval} starts exactly at {@code tsMillis}. */
    static boolean isBoundary(long tsMillis, Interval interval, ZoneId zone) {
        // The grid of the two milliseconds around t is split in two exactly when t is a boundary.
        return BucketGrid.of(Instant.ofEpochMilli(tsMillis - 1), Instant.ofEpochMilli(tsMillis + 1), interval, zone)
                .size() == 2;
    }

    /** The grid the rows are read into: the query's own for hours and days, local days for months. */
    static BucketGrid base(BucketGrid grid) {
        return grid.interval() == Interval.MONTH
                ? BucketGrid.of(grid.from(), grid.to(), Interval.DAY, grid.zone()) : grid;
    }
}
