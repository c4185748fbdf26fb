package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.analytics.registry.AnalyticsSchema;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.store.Arrival;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup machinery on in-memory stores against the raw computation: whatever readings arrive, in whatever
 * batches and order, and whenever the job runs, the rollup-backed source answers exactly what the raw readings
 * give, for hour, day and month grids, in zones with and without daylight saving time.
 */
class RollupMergePropertiesTest {

    private static final List<String> ZONES = List.of("Asia/Shanghai", "Europe/Berlin", "Asia/Kathmandu");
    private static RegistryDatabase db;

    @BeforeAll
    static void openDatabase() {
        db = RegistryDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
                AnalyticsSchema.LOCATIONS);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    /** 80 tries: each ingests a week of history in batches and compares six grids after every batch. */
    @Test
    void theRollupSourceAlwaysEqualsTheRawComputation() {
        Property.check(80, r -> rollupEqualsRaw(Gen.anyLong(r), Gen.oneOf(r, ZONES), Gen.intIn(r, 1, 6)));
    }

    /** One marker per run and six, in each zone, with seeds at the ends of the longs and zero. */
    @ParameterizedTest
    @CsvSource({"0, Asia/Shanghai, 1", "-9223372036854775808, Europe/Berlin, 1",
            "9223372036854775807, Asia/Kathmandu, 6", "1, Europe/Berlin, 6", "-1, Asia/Shanghai, 6",
            "0, Asia/Kathmandu, 1"})
    void theRollupSourceAlwaysEqualsTheRawComputation_edges(long seed, String zoneId, int maxMarkersPerRun) {
        rollupEqualsRaw(seed, zoneId, maxMarkersPerRun);
    }

    private static void rollupEqualsRaw(long seed, String zoneId, int maxMarkersPerRun) {
        Random rnd = new Random(seed);
        ZoneId zone = ZoneId.of(zoneId);
        // 26 March to 2 April 2026: Berlin springs forward on the 29th; the range crosses a month boundary.
        LocalDate first = LocalDate.of(2026, 3, 26);
        LocalDate end = LocalDate.of(2026, 4, 2);
        long from = first.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = end.atStartOfDay(zone).toInstant().toEpochMilli();
        List<Reading> readings = RandomHistory.readings(rnd, RandomHistory.METERS, from - 3_600_000,
                to + 3_600_000, 20 + rnd.nextInt(120));
        List<List<Reading>> batches = RandomHistory.batches(rnd, readings, 8);

        MutableClock clock = new MutableClock(to + Duration.ofDays(30).toMillis());
        World w = new World(zone, clock, "p-" + UUID.randomUUID(), maxMarkersPerRun);
        w.run.run();
        for (List<Reading> batch : batches) {
            w.ingest(batch);
            if (rnd.nextDouble() < 0.4) {
                w.run.run();
            }
            w.assertParity(from, to, first, "after a batch");
        }
        w.catchUp();
        assertThat(w.rollups.countMarkersAfter(w.state.read().watermarkMillis())).isZero();
        w.assertParity(from, to, first, "after the job caught up");
    }

    /** The stores, the job and both energy sources around one in-memory data set. */
    private static final class World {
        final ZoneId zone;
        final MutableClock clock;
        final MemoryReadingStore readings = new MemoryReadingStore();
        final MemoryRollupStore rollups = new MemoryRollupStore(readings);
        final RollupStateStore state;
        final RawMeterEnergy raw;
        final RollupMeterEnergy rolled;
        final RollupMeterEnergy uncached;
        final RollupRun run;

        World(ZoneId zone, MutableClock clock, String key, int maxMarkersPerRun) {
            this.zone = zone;
            this.clock = clock;
            this.state = new RollupStateStore(db.dataSource(), key);
            this.raw = new RawMeterEnergy(() -> readings, clock);
            Recomputer recomputer = new Recomputer(() -> readings, zone, clock);
            this.rolled = new RollupMeterEnergy(raw, () -> rollups, () -> state, recomputer,
                    new SumCache(clock, Duration.ZERO, Duration.ofDays(7)));
            this.uncached = new RollupMeterEnergy(raw, () -> rollups, () -> state, recomputer);
            Registry registry = Registry.of(new RegistryDocument(null, null, RandomHistory.METERS, null, null, null,
                    null, null));
            this.run = new RollupRun(rollups, state, recomputer, () -> registry,
                    new RollupRun.Settings(Duration.ZERO, Duration.ofDays(7), maxMarkersPerRun), clock);
        }

        /** Runs the job until no marker is left, as a scheduled tick does. */
        void catchUp() {
            while (run.run().orElseThrow().more()) {
                assertThat(state.read().watermarkMillis()).isLessThanOrEqualTo(clock.millis());
            }
        }

        /**
         * Writes a batch and its markers a second after the last job run began: with a safety margin of zero, that
         * stands for a marker committed within the margin of its time, which the sinks guarantee.
         */
        void ingest(List<Reading> batch) {
            clock.advance(1_000);
            readings.write(batch);
            rollups.writeMarkers(Arrival.of(batch), clock.millis());
        }

        void assertParity(long from, long to, LocalDate first, String when) {
            check(grid(from, to, Interval.HOUR), when + ", hours");
            check(grid(from, to, Interval.DAY), when + ", days");
            check(grid(from, to, Interval.MONTH), when + ", months");
            long third = first.plusDays(2).atStartOfDay(zone).toInstant().toEpochMilli();
            long fifth = first.plusDays(4).atStartOfDay(zone).toInstant().toEpochMilli();
            check(grid(third, fifth, Interval.DAY), when + ", days 3-4");
            check(grid(third + 7_200_000, fifth - 3_600_000, Interval.HOUR), when + ", hours 3-4");
            // Not on day boundaries: computed from raw readings, and still the same.
            check(grid(third + 1_800_000, fifth, Interval.DAY), when + ", unaligned days");
        }

        private void check(BucketGrid grid, String what) {
            List<Meter> meters = RandomHistory.METERS;
            Map<String, MeterSeries> expected = raw.series(meters, grid);
            Parity.assertSame(expected, rolled.series(meters, grid), what);
            Parity.assertSameSums(expected, rolled.sums(meters, grid), what + ", cached sums");
            Parity.assertSameSums(expected, uncached.sums(meters, grid), what + ", sums");
        }

        private BucketGrid grid(long from, long to, Interval interval) {
            return BucketGrid.of(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), interval, zone);
        }
    }
}
