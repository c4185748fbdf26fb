package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.platform.EmbeddedQuestDb;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.store.RollupRow;
import io.jieneng.store.RollupSum;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The same readings, in the same batches, into QuestDB and into InfluxDB: the rollup rows the job stores and the
 * answers of the merged source are identical on both, to the last bit; the sums each store computes agree to
 * 1e-9 (the additions run in another order).
 */
class RollupStoresParityIT {

    @Test
    void bothStoresHoldTheSameRollupsAndGiveTheSameAnswers() throws Exception {
        String url = System.getenv("JIENENG_TEST_INFLUX_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_INFLUX_URL is not set: run the integration tests with ./jieneng test");
        }
        StateDatabase.registerDrivers();
        Path root = Files.createTempDirectory("rollup-parity-it");
        String database = "jieneng_rp_" + UUID.randomUUID().toString().replace("-", "");
        List<Meter> meters = RandomHistory.meters("p-");
        long from = RollupStoreContract.day(2026, 3, 26);
        long to = RollupStoreContract.day(2026, 4, 2);
        Random rnd = new Random(42);
        List<List<Reading>> batches = RandomHistory.batches(rnd,
                RandomHistory.readings(rnd, meters, from - 3_600_000, to + 3_600_000, 180), 6);
        long start = System.currentTimeMillis();
        try (EmbeddedQuestDb questdb = EmbeddedQuestDb.start(root.resolve("questdb"), 0, 0);
             RegistryDatabase db = StateDatabase.open(root);
             InfluxDB influx = InfluxDBFactory.connect(url)) {
            String prefix = "rp_";
            MutableClock qClock = new MutableClock(start);
            MutableClock iClock = new MutableClock(start);
            Store qStore = Stores.open(StoreSettings.questDb(questdb.httpUrl(), prefix)
                    .withQuestDbPg(questdb.pgJdbcUrl(), "admin", "quest"), Registry::empty, qClock);
            RollupWorld q = new RollupWorld(qClock, qStore.newSink(), qStore.reader(), qStore.rollups(), meters,
                    db.dataSource());
            List<RollupWorld> both = new ArrayList<>(List.of(q));
            Store iStore = Stores.open(StoreSettings.influxDb(url, database, null, null), () -> both.get(0).registry,
                    iClock);
            RollupWorld i = new RollupWorld(iClock, iStore.newSink(), iStore.reader(), iStore.rollups(), meters,
                    db.dataSource());
            both.add(i);
            for (RollupWorld w : both) {
                w.runJob();
            }
            int n = 0;
            for (List<Reading> batch : batches) {
                for (RollupWorld w : both) {
                    w.ingest(batch);
                    if (n % 2 == 1) {
                        w.runJob();
                    }
                }
                assertSameAnswers(q, i, meters, from, to);
                n++;
            }
            for (RollupWorld w : both) {
                w.runJob();
            }
            assertSameAnswers(q, i, meters, from, to);
            List<String> ids = meters.stream().map(Meter::id).toList();
            assertThat(rows(i.rollups.hourly(ids, from, to))).isEqualTo(rows(q.rollups.hourly(ids, from, to)))
                    .hasSizeGreaterThan(4 * 24);
            assertThat(rows(i.rollups.daily(ids, from, to))).isEqualTo(rows(q.rollups.daily(ids, from, to)))
                    .hasSizeGreaterThan(4 * 6);
            // The grouped sums are computed by each store: the same up to the order of the additions.
            assertSameSums(q.rollups.dailySums(ids, from, to), i.rollups.dailySums(ids, from, to), meters.size());
            assertSameSums(q.rollups.dailySums(null, from, to), i.rollups.dailySums(null, from, to), meters.size());
            for (RollupWorld w : both) {
                w.sink.close();
            }
            qStore.close();
            iStore.close();
        } finally {
            try (InfluxDB influx = InfluxDBFactory.connect(url)) {
                influx.query(new Query("DROP DATABASE \"" + database + "\""));
            }
            RollupStoreContract.deleteTree(root);
        }
    }

    private static void assertSameAnswers(RollupWorld q, RollupWorld i, List<Meter> meters, long from, long to) {
        for (Interval interval : Interval.values()) {
            BucketGrid grid = RollupWorld.grid(from, to, interval);
            Map<String, MeterSeries> onQuestDb = q.rolled(meters, grid);
            Map<String, MeterSeries> onInflux = i.rolled(meters, grid);
            Parity.assertSame(onQuestDb, onInflux, "QuestDB vs InfluxDB, " + interval);
            Parity.assertSame(q.raw(meters, grid), onQuestDb, "QuestDB vs raw, " + interval);
            Parity.assertSameSums(onQuestDb, i.rolled.sums(meters, grid), "InfluxDB sums, " + interval);
            Parity.assertSameSums(onQuestDb, q.rolled.sums(meters, grid), "QuestDB sums, " + interval);
        }
    }

    private static void assertSameSums(List<RollupSum> onQuestDb, List<RollupSum> onInflux, int meters) {
        Map<String, RollupSum> q = new java.util.TreeMap<>();
        onQuestDb.forEach(x -> q.put(x.meter(), x));
        Map<String, RollupSum> i = new java.util.TreeMap<>();
        onInflux.forEach(x -> i.put(x.meter(), x));
        assertThat(i.keySet()).isEqualTo(q.keySet()).hasSize(meters);
        q.forEach((meter, a) -> {
            RollupSum b = i.get(meter);
            assertThat(b.readings()).as(meter + " readings").isEqualTo(a.readings()).isPositive();
            assertThat(b.values().keySet()).as(meter + " columns").isEqualTo(a.values().keySet());
            a.values().forEach((c, v) -> assertThat(b.values().get(c)).as(meter + " " + c)
                    .isCloseTo(v, org.assertj.core.api.Assertions.within(Math.max(1e-9 * Math.abs(v), 1e-12))));
        });
    }

    /** The rows without their computation time, in a stable order. */
    private static List<RollupRow> rows(List<RollupRow> rows) {
        return rows.stream().map(r -> new RollupRow(r.meter(), r.startMillis(), r.values(), r.readings(),
                        r.estimated(), 0))
                .sorted(Comparator.comparing(RollupRow::meter).thenComparingLong(RollupRow::startMillis)).toList();
    }
}
