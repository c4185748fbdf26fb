package io.jieneng.ingest.it;

import io.jieneng.devices.reading.ReadingField;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import io.jieneng.ingest.testing.TestRegistry;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole path into a real InfluxDB 1.x at {@code JIENENG_TEST_INFLUX_URL}, in a database of this class's own
 * that the sink creates.
 */
class InfluxDbIngestIT extends StoreIngestContract {

    static InfluxDB influx;
    static Store store;
    static String database;

    @BeforeAll
    static void start() throws Exception {
        String url = System.getenv("JIENENG_TEST_INFLUX_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_INFLUX_URL is not set: run the integration tests with ./jieneng test, which starts "
                    + "InfluxDB and sets it (e.g. http://127.0.0.1:8086)");
        }
        database = "jieneng_it_" + UUID.randomUUID().toString().replace("-", "");
        influx = InfluxDBFactory.connect(url);
        store = Stores.open(StoreSettings.influxDb(url, database, null, null), TestRegistry::registry);
        startIngest(store.newSink());
    }

    @AfterAll
    static void stop() {
        stopIngest();
        if (store != null) {
            store.close();
        }
        if (influx != null) {
            influx.query(new Query("DROP DATABASE \"" + database + "\""));
            influx.close();
        }
    }

    @Override
    List<StoredReading> stored(String meterId) {
        List<StoredReading> out = new ArrayList<>();
        for (Map<String, Object> row : rows(meterId)) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String f : ReadingSchema.FIELDS) {
                if (row.get(f) instanceof Number n) {
                    values.put(f, n.doubleValue());
                }
            }
            out.add(new StoredReading(meterId, ((Number) row.get("time")).longValue(), values));
        }
        return out;
    }

    @Test
    void tagsEveryPointWithTheRegistryAttributesGrafanaTemplatesOn() throws Exception {
        long t = T0 + 4_000;
        var client = v5(TestRegistry.HVAC, TestRegistry.secret(TestRegistry.HVAC));
        assertThat(v5Publish(client, topic(TestRegistry.HVAC), "{\"ts\":" + t + ",\"energyKwh\":5}", 1)).isZero();
        client.disconnect().waitForCompletion(10_000);
        await().atMost(STORE_WAIT).untilAsserted(() -> assertThat(rows(TestRegistry.HVAC)).anySatisfy(row -> {
            assertThat(((Number) row.get("time")).longValue()).isEqualTo(t);
            assertThat(row).containsEntry(ReadingSchema.METER, TestRegistry.HVAC)
                    .containsEntry(ReadingSchema.TAG_INSTITUTION, TestRegistry.INSTITUTION)
                    .containsEntry(ReadingSchema.TAG_REGION, TestRegistry.REGION)
                    .containsEntry(ReadingSchema.TAG_TYPE, "electricity")
                    .containsEntry(ReadingSchema.TAG_ROLE, "sub")
                    .containsEntry(ReadingSchema.TAG_SUBITEM, "01B00");
        }));
    }

    @Test
    void aReadingInfluxDbRefusesIsQuarantinedWithItsMessageWhileTheRestIsStoredAndIngestFlows() throws Exception {
        // Two weeks back lies in another shard group than T0. A string there in the energy field makes InfluxDB
        // refuse every float of that field in that shard: a refusal that no retry can ever overcome.
        long conflictTs = T0 - 14 * 86_400_000L;
        String energy = ReadingSchema.column(ReadingField.ENERGY_KWH);
        influx.query(new Query("CREATE DATABASE \"" + database + "\""));
        influx.write(database, "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                ReadingSchema.MEASUREMENT + ",meter=poison-maker " + energy + "=\"text\" " + conflictTs);

        long t = T0 + 6_000;
        var main = v5(TestRegistry.MAIN, TestRegistry.secret(TestRegistry.MAIN));
        String mixed = "[{\"ts\":" + t + ",\"energyKwh\":1},{\"ts\":" + conflictTs + ",\"energyKwh\":2},"
                + "{\"ts\":" + (t + 900_000) + ",\"energyKwh\":3}]";
        // Acknowledged: two readings stored, the third kept in the quarantine.
        assertThat(v5Publish(main, topic(TestRegistry.MAIN), mixed, 1)).isZero();
        main.disconnect().waitForCompletion(10_000);
        var hvac = v5(TestRegistry.HVAC, TestRegistry.secret(TestRegistry.HVAC));
        assertThat(v5Publish(hvac, topic(TestRegistry.HVAC), "{\"ts\":" + (t + 7_000) + ",\"energyKwh\":9}", 1))
                .isZero();
        hvac.disconnect().waitForCompletion(10_000);

        await().atMost(STORE_WAIT).untilAsserted(() -> {
            assertThat(stored(TestRegistry.MAIN)).filteredOn(r -> r.tsMillis() >= conflictTs && r.tsMillis() < T0
                    || r.tsMillis() == t || r.tsMillis() == t + 900_000).containsExactly(
                    new StoredReading(TestRegistry.MAIN, t, Map.of("energyKwh", 1.0)),
                    new StoredReading(TestRegistry.MAIN, t + 900_000, Map.of("energyKwh", 3.0)));
            assertThat(stored(TestRegistry.HVAC)).contains(
                    new StoredReading(TestRegistry.HVAC, t + 7_000, Map.of("energyKwh", 9.0)));
        });
        List<QuarantineEntry> refused = quarantine.recent(Optional.of(TestRegistry.MAIN), 50).stream()
                .filter(e -> e.reason().equals("store_refused")).toList();
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).meterId()).isEqualTo(TestRegistry.MAIN);
        assertThat(refused.get(0).payload()).isEqualTo("{\"ts\":" + conflictTs + ",\"energyKwh\":2.0}");
        assertThat(refused.get(0).detail()).contains("field type conflict").contains(energy);
        assertThat(meters.get(IngestMetrics.REJECTED).tag("reason", "store_refused").counter().count())
                .isEqualTo(1);
    }

    /** Every point of {@code meterId}, columns by name, time in epoch milliseconds. */
    List<Map<String, Object>> rows(String meterId) {
        Query q = new Query("SELECT * FROM " + ReadingSchema.MEASUREMENT + " WHERE " + ReadingSchema.METER
                + " = '" + meterId + "' ORDER BY time", database);
        QueryResult result = influx.query(q, TimeUnit.MILLISECONDS);
        assertThat(result.getError()).isNull();
        List<Map<String, Object>> out = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            assertThat(r.getError()).isNull();
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> values : s.getValues()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < s.getColumns().size(); i++) {
                        row.put(s.getColumns().get(i), values.get(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
