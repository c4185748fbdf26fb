package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.store.Arrival;
import io.jieneng.store.RollupRow;
import io.jieneng.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The rollups on a real store: readings and markers written by the ingest sink, the job, and the merged source,
 * which must answer exactly what the raw readings give before the job ran (pending path), after it (rollups),
 * and after late backfills into days already rolled up. Each test uses meters of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RollupStoreContract {

    private Store store;

    private Path stateDir;
    private RegistryDatabase stateDb;
    RollupWorld world;

    /** Opens the store under test, in a namespace of this class's own; markers take their time from {@code clock}. */
    abstract Store open(MutableClock clock) throws Exception;

    /** Writes readings straight into the store, without markers, as an import around ingest would. */
    abstract void writeWithoutMarkers(List<Reading> readings) throws Exception;

    /** Another store on the same namespace, as a second analytics instance would open it. */
    abstract Store anotherStore();

    abstract void closeStore() throws Exception;

    @BeforeAll
    void openWorld() throws Exception {
        StateDatabase.registerDrivers();
        stateDir = Files.createTempDirectory("rollup-state");
        stateDb = StateDatabase.open(stateDir);
        MutableClock clock = new MutableClock(System.currentTimeMillis());
        store = open(clock);
        List<Meter> meters = new ArrayList<>();
        for (String prefix : List.of("r1-", "r2-", "r3-", "again-", "init-")) {
            meters.addAll(RandomHistory.meters(prefix));
        }
        meters.add(main("late"));
        meters.add(main("backfill"));
        world = new RollupWorld(clock, store.newSink(), store.reader(), store.rollups(), meters,
                stateDb.dataSource());
        world.runJob();
    }

    @AfterAll
    void closeWorld() throws Exception {
        if (world == null) {
            return;
        }
        world.sink.close();
        store.close();
        stateDb.close();
        closeStore();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void randomHistoriesEqualTheRawComputationBeforeAndAfterTheJob() throws Exception {
        long from = day(2026, 3, 26);
        long to = day(2026, 4, 2);
        for (int seed = 1; seed <= 3; seed++) {
            Random rnd = new Random(seed);
            List<Meter> meters = RandomHistory.meters("r" + seed + "-");
            List<Reading> readings = RandomHistory.readings(rnd, meters, from - 3_600_000, to + 3_600_000,
                    40 + rnd.nextInt(160));
            for (List<Reading> batch : RandomHistory.batches(rnd, readings, 6)) {
                world.ingest(batch);
                if (rnd.nextDouble() < 0.4) {
                    world.runJob();
                }
                world.assertParity(meters, from, to, "seed " + seed + " after a batch");
            }
            world.runJob();
            world.assertParity(meters, from, to, "seed " + seed + " after the job");
            assertRolledUp(meters, from, to);
        }
    }

    @Test
    void aLateReadingChangesTheDayBeforeAtOnceAndAfterTheJob() throws Exception {
        Meter late = main("late");
        world.ingest(List.of(energy(late, "2026-02-10T20:00+08:00", 100.0), energy(late, "2026-02-10T20:15+08:00",
                101.0)));
        world.runJob();
        long feb10 = day(2026, 2, 10);
        long feb12 = day(2026, 2, 12);
        assertThat(dailyEnergy(late, feb10, feb12)).containsExactly(1.0, 0.0);

        // After a silence, 04:00 the next morning: 20 kWh over 7 h 45 min, 3 h 45 min of it on the 10th.
        world.ingest(List.of(energy(late, "2026-02-11T04:00+08:00", 121.0)));
        double tenth = 1.0 + 20.0 * 225 / 465;
        double eleventh = 20.0 * 240 / 465;
        assertThat(dailyEnergy(late, feb10, feb12)).as("merged before the job ran")
                .containsExactly(new double[]{tenth, eleventh}, within(1e-9));
        world.assertParity(List.of(late), feb10, feb12, "pending");
        world.runJob();
        assertThat(dailyEnergy(late, feb10, feb12)).as("from the rollups")
                .containsExactly(new double[]{tenth, eleventh}, within(1e-9));
        RollupRow row = world.rollups.daily(List.of(late.id()), feb10, feb10 + 1).get(0);
        assertThat(row.values().get("energyKwh")).isCloseTo(tenth, within(1e-9));
        assertThat(row.estimated()).as("a gap was spread into the day").isTrue();
        assertThat(row.readings()).isEqualTo(2);
        world.assertParity(List.of(late), feb10, feb12, "rolled up");
    }

    @Test
    void aBackfillDaysLaterRewritesEveryDayItTouches() throws Exception {
        Meter m = main("backfill");
        long from = day(2026, 1, 5);
        long to = day(2026, 1, 12);
        List<Reading> all = new ArrayList<>();
        for (long t = from; t < to; t += 900_000) {
            all.add(Reading.of(m.id(), t, Map.of(ReadingField.ENERGY_KWH, 5_000 + (t - from) / 900_000 * 0.75,
                    ReadingField.EXPORT_KWH, 1.0 + (t - from) / 3_600_000 * 0.01)));
        }
        long outageFrom = day(2026, 1, 7) + 5 * 3_600_000;
        long outageTo = day(2026, 1, 10) + 13 * 3_600_000;
        List<Reading> live = all.stream().filter(r -> r.tsMillis() < outageFrom || r.tsMillis() >= outageTo).toList();
        List<Reading> backlog = new ArrayList<>(all.stream()
                .filter(r -> r.tsMillis() >= outageFrom && r.tsMillis() < outageTo).toList());
        world.ingest(live);
        world.runJob();
        world.assertParity(List.of(m), from, to, "before the backfill");
        // The gateway sends its backlog newest first, in chunks, days after the outage.
        backlog.sort(Comparator.comparingLong(Reading::tsMillis).reversed());
        for (int i = 0; i < backlog.size(); i += 70) {
            world.ingest(backlog.subList(i, Math.min(backlog.size(), i + 70)));
            world.assertParity(List.of(m), from, to, "backfill pending");
        }
        world.runJob();
        world.assertParity(List.of(m), from, to, "backfill rolled up");
        assertRolledUp(List.of(m), from, to);
        // 96 readings a day of +0.75 kWh: every whole day is 72 kWh once the backlog is in.
        assertThat(dailyEnergy(m, day(2026, 1, 6), day(2026, 1, 11)))
                .containsExactly(new double[]{72, 72, 72, 72, 72}, within(1e-9));
    }

    @Test
    void runningTheJobAgainChangesNothingAndARebuildComputesTheSame() throws Exception {
        List<Meter> meters = RandomHistory.meters("again-");
        long from = day(2026, 3, 26);
        long to = day(2026, 4, 2);
        Random rnd = new Random(3);
        world.ingest(RandomHistory.readings(rnd, meters, from, to, 150));
        world.runJob();
        List<String> ids = meters.stream().map(Meter::id).toList();
        List<RollupRow> hourly = sorted(world.rollups.hourly(ids, from, to));
        List<RollupRow> daily = sorted(world.rollups.daily(ids, from, to));
        assertThat(hourly).hasSizeGreaterThan(100);

        assertThat(world.runJob().orElseThrow().meterDays()).isZero();
        world.runJob();
        assertThat(sorted(world.rollups.hourly(ids, from, to))).isEqualTo(hourly);
        assertThat(sorted(world.rollups.daily(ids, from, to))).isEqualTo(daily);

        world.rollups.writeMarkers(ids.stream().map(id -> new Arrival(id, from, to - 1)).toList(),
                world.clock.millis() + 1);
        world.assertParity(meters, from, to, "rebuild pending");
        assertThat(world.runJob().orElseThrow().meterDays()).isGreaterThanOrEqualTo(4L * 7);
        assertThat(withoutComputedAt(sorted(world.rollups.hourly(ids, from, to))))
                .isEqualTo(withoutComputedAt(hourly));
        assertThat(withoutComputedAt(sorted(world.rollups.daily(ids, from, to)))).isEqualTo(withoutComputedAt(daily));
    }

    @Test
    void theWatermarkSurvivesARestartAndTheJobCarriesOn() throws Exception {
        world.runJob();
        RollupState before = world.state.read();
        assertThat(before.initialized()).isTrue();
        stateDb.close();
        stateDb = StateDatabase.open(stateDir);
        world.useStateDatabase(stateDb.dataSource());
        assertThat(world.state.read()).isEqualTo(before);

        Meter late = main("late");
        world.ingest(List.of(energy(late, "2026-02-20T10:00+08:00", 500.0)));
        RollupRun.Outcome outcome = world.runJob().orElseThrow();
        assertThat(outcome.watermarkMillis()).isGreaterThan(before.watermarkMillis());
        assertThat(outcome.markers()).isEqualTo(1);
        assertThat(world.state.read().watermarkMillis()).isEqualTo(outcome.watermarkMillis());
    }

    @Test
    void readingsStoredBeforeRollupsExistedAreRolledUpOnTheFirstRun() throws Exception {
        List<Meter> meters = RandomHistory.meters("init-");
        long from = day(2026, 3, 1);
        long to = day(2026, 3, 5);
        writeWithoutMarkers(RandomHistory.readings(new Random(9), meters, from, to, 200));
        world.rollups.awaitIngested(java.time.Duration.ofSeconds(30));
        // A fresh registry database: the job has never run against this store as far as it knows.
        Path freshDir = Files.createTempDirectory("rollup-state-fresh");
        try (RegistryDatabase fresh = StateDatabase.open(freshDir)) {
            world.useStateDatabase(fresh.dataSource());
            assertThat(world.state.read().initialized()).isFalse();
            world.assertParity(meters, from, to, "never initialised: raw");
            world.runJob();
            assertThat(world.state.read().initialized()).isTrue();
            world.assertParity(meters, from, to, "initialised, marked");
            world.runJob();
            world.assertParity(meters, from, to, "rolled up");
            assertRolledUp(meters, from, to);
        } finally {
            world.useStateDatabase(stateDb.dataSource());
            try (Stream<Path> files = Files.walk(freshDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void markersOlderThanTheRetentionBehindTheWatermarkAreDeleted() throws Exception {
        world.runJob();
        long old = world.clock.millis() - java.time.Duration.ofDays(10).toMillis();
        // A writer of its own: InfluxDB markers of one writer never go back in time.
        try (Store other = anotherStore()) {
            other.rollups().writeMarkers(List.of(new Arrival("retention-meter", 1, 2)), old);
        }
        world.rollups.awaitIngested(java.time.Duration.ofSeconds(30));
        assertThat(world.rollups.markers(old - 1, old, null)).extracting(Arrival::meterId)
                .containsExactly("retention-meter");
        // Old markers are looked for at most once an hour.
        world.clock.advance(2 * 3_600_000);
        world.runJob();
        // QuestDB drops the partition through its write-ahead log.
        world.rollups.awaitIngested(java.time.Duration.ofSeconds(30));
        assertThat(world.rollups.markers(old - 1, old, null)).isEmpty();
        long w = world.state.read().watermarkMillis();
        assertThat(world.rollups.markers(w - java.time.Duration.ofDays(1).toMillis(), w, null))
                .as("recent markers stay").isNotEmpty();
    }

    /** No marker of the meters is pending, and the day grid from the rollup rows alone equals raw. */
    private void assertRolledUp(List<Meter> meters, long from, long to) {
        List<String> ids = meters.stream().map(Meter::id).toList();
        long w = world.state.read().watermarkMillis();
        assertThat(world.rollups.markers(w, Long.MAX_VALUE, ids)).as("pending markers").isEmpty();
        List<RollupRow> rows = world.rollups.daily(ids, from, to);
        assertThat(rows).as("daily rows").isNotEmpty();
        Map<String, MeterSeries> raw = world.raw(meters, RollupWorld.grid(from, to, Interval.DAY));
        assertThat(Parity.total(raw)).isPositive();
        for (RollupRow row : rows) {
            MeterSeries s = raw.get(row.meter());
            int i = RollupWorld.grid(from, to, Interval.DAY).indexOf(row.startMillis());
            for (ReadingField r : io.jieneng.analytics.energy.RawMeterEnergy.registers(s.meter())) {
                assertThat(row.values().getOrDefault(r.jsonName(), 0.0)).as(row.meter() + " " + r + " " + i)
                        .isCloseTo(s.energy(r)[i], within(1e-9 * Math.max(1, Math.abs(s.energy(r)[i]))));
            }
            assertThat(row.readings()).isEqualTo(s.received()[i]);
        }
    }

    private double[] dailyEnergy(Meter m, long from, long to) {
        return world.rolled(List.of(m), RollupWorld.grid(from, to, Interval.DAY)).get(m.id())
                .energy(ReadingField.ENERGY_KWH);
    }

    private static List<RollupRow> sorted(List<RollupRow> rows) {
        List<RollupRow> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(RollupRow::meter).thenComparingLong(RollupRow::startMillis));
        return out;
    }

    private static List<RollupRow> withoutComputedAt(List<RollupRow> rows) {
        return rows.stream().map(r -> new RollupRow(r.meter(), r.startMillis(), r.values(), r.readings(),
                r.estimated(), 0)).toList();
    }

    static Meter main(String id) {
        return new Meter(id, "i", MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900, null, null);
    }

    static Reading energy(Meter m, String time, double kwh) {
        return Reading.of(m.id(), OffsetDateTime.parse(time).toInstant().toEpochMilli(),
                Map.of(ReadingField.ENERGY_KWH, kwh));
    }

    static long day(int y, int m, int d) {
        return LocalDate.of(y, m, d).atStartOfDay(RollupWorld.ZONE).toInstant().toEpochMilli();
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
