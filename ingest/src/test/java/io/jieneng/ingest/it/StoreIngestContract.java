package io.jieneng.ingest.it;

import io.jieneng.ingest.testing.TestSettings;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.server.IngestServer;
import io.jieneng.ingest.testing.GatedSink;
import io.jieneng.ingest.testing.InMemoryRegistryStore;
import io.jieneng.ingest.testing.TestRegistry;
import io.jieneng.store.ReadingSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.jieneng.ingest.testing.TestRegistry.GATEWAY;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.PV;
import static io.jieneng.ingest.testing.TestRegistry.WATER;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Devices (real Paho clients, MQTT 3.1.1 and 5) publish through a real IngestServer into a real store. Each test
 * uses its own meters or time range, so the tests of one class share the store without seeing each other.
 */
abstract class StoreIngestContract {

    /** Two days ago at midnight UTC: after every commissioning date, well before the future bound. */
    static final long T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).toEpochMilli();
    static final Duration STORE_WAIT = Duration.ofSeconds(30);

    static IngestServer server;
    static GatedSink sink;
    static QuarantineStore quarantine;
    static SimpleMeterRegistry meters;
    static IngestCore core;

    /** Starts ingest (ephemeral port, bcrypt cost 4) in front of {@code store}. */
    static void startIngest(ReadingSink store) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        quarantine = new QuarantineStore(ds, 1000);
        sink = new GatedSink(store);
        meters = new SimpleMeterRegistry();
        IngestConfig config = TestSettings.ingest(Map.of("JIENENG_MQTT_HOST", "127.0.0.1",
                "JIENENG_MQTT_PORT", "0", "JIENENG_BCRYPT_COST", "4", "JIENENG_INGEST_BATCH_MAX_DELAY_MS", "5"));
        core = new IngestCore(config, TestRegistry::registry, sink, quarantine, meters, Clock.systemUTC());
        server = new IngestServer(core, new InMemoryRegistryStore(TestRegistry.document()));
        server.start();
    }

    static void stopIngest() {
        if (server != null) {
            server.close();
        }
        if (core != null) {
            core.close();
        }
    }

    /** The readings of {@code meterId} in the store, ordered by time. */
    abstract List<StoredReading> stored(String meterId) throws Exception;

    String uri() {
        return "tcp://127.0.0.1:" + server.port();
    }

    MqttClient v3(String device, String password) throws MqttException {
        MqttClient client = new MqttClient(uri(), "it-" + device + "-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect(v3Options(device, password));
        return client;
    }

    static MqttConnectOptions v3Options(String device, String password) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName(device);
        o.setPassword(password.toCharArray());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        return o;
    }

    org.eclipse.paho.mqttv5.client.MqttAsyncClient v5(String device, String password) throws Exception {
        var client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(uri(), "it5-" + device + "-"
                + UUID.randomUUID(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        var options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        options.setUserName(device);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /** Publishes with MQTT 5 and returns the reason code of the PUBACK/PUBREC. */
    static int v5Publish(org.eclipse.paho.mqttv5.client.MqttAsyncClient client, String topic, String json, int qos)
            throws Exception {
        var token = client.publish(topic, json.getBytes(StandardCharsets.UTF_8), qos, false);
        try {
            token.waitForCompletion(10_000);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    static String topic(String meter) {
        return "meters/" + meter + "/readings";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mqtt311StoresQos0To2AndAResentReadingOnce() throws Exception {
        long t = T0 + 1_000;
        MqttClient client = v3(MAIN, secret(MAIN));
        client.publish(topic(MAIN), utf8("{\"ts\":" + t + ",\"energyKwh\":100.5,\"powerKw\":1.0}"), 1, false);
        client.publish(topic(MAIN), utf8("{\"ts\":" + (t + 900_000) + ",\"energyKwh\":101.25}"), 2, false);
        client.publish(topic(MAIN), utf8("{\"ts\":" + (t + 1_800_000) + ",\"energyKwh\":102,\"exportKwh\":0.5}"),
                0, false);
        // The same (meter, ts) again, corrected: the store keeps one reading, the newer one.
        client.publish(topic(MAIN), utf8("{\"ts\":" + t + ",\"energyKwh\":100.5,\"powerKw\":2.5}"), 1, false);
        client.disconnect();
        client.close();

        List<StoredReading> expected = List.of(
                new StoredReading(MAIN, t, Map.of("energyKwh", 100.5, "powerKw", 2.5)),
                new StoredReading(MAIN, t + 900_000, Map.of("energyKwh", 101.25)),
                new StoredReading(MAIN, t + 1_800_000, Map.of("energyKwh", 102.0, "exportKwh", 0.5)));
        await().atMost(STORE_WAIT).untilAsserted(() -> assertThat(stored(MAIN)).isEqualTo(expected));
    }

    /**
     * Store parity (docs/STORES.md): messages for one (meter, ts) with different fields merge, each field keeping
     * its newest value, whether they come one after the other, in one array, or with the first a moment ago.
     */
    @Test
    void writesOfOneMeterAndTsWithOtherFieldsMergeInEveryStore() throws Exception {
        long t = T0 + 8_000;
        var client = v5(MAIN, secret(MAIN));
        assertThat(v5Publish(client, topic(MAIN), "{\"ts\":" + t + ",\"energyKwh\":50,\"powerKw\":4}", 1)).isZero();
        // Acknowledged means durable, not yet visible to queries: the merge must see it all the same.
        assertThat(v5Publish(client, topic(MAIN), "{\"ts\":" + t + ",\"exportKwh\":2}", 1)).isZero();
        assertThat(v5Publish(client, topic(MAIN), "{\"ts\":" + t + ",\"powerKw\":6}", 1)).isZero();
        long u = t + 900_000;
        assertThat(v5Publish(client, topic(MAIN), "[{\"ts\":" + u + ",\"energyKwh\":51},{\"ts\":" + u
                + ",\"powerKw\":7},{\"ts\":" + u + ",\"energyKwh\":52}]", 1)).isZero();
        client.disconnect().waitForCompletion(10_000);

        await().atMost(STORE_WAIT).untilAsserted(() -> assertThat(stored(MAIN))
                .filteredOn(r -> r.tsMillis() == t || r.tsMillis() == u).containsExactly(
                        new StoredReading(MAIN, t, Map.of("energyKwh", 50.0, "powerKw", 6.0, "exportKwh", 2.0)),
                        new StoredReading(MAIN, u, Map.of("energyKwh", 52.0, "powerKw", 7.0))));
    }

    @Test
    void mqtt5StoresABackfillArrayAndAGatewaysReadings() throws Exception {
        long t = T0 + 2_000;
        var pv = v5(PV, secret(PV));
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 96; i++) {
            array.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(Instant.ofEpochMilli(t + i * 900_000L)
                    .atOffset(java.time.ZoneOffset.ofHours(8))).append("\",\"energyKwh\":").append(i * 0.25)
                    .append(",\"irradianceWm2\":").append(i).append(",\"temperatureC\":-3.5}");
        }
        assertThat(v5Publish(pv, topic(PV), array.append(']').toString(), 1)).isZero();
        pv.disconnect().waitForCompletion(10_000);
        var gateway = v5(GATEWAY, secret(GATEWAY));
        assertThat(v5Publish(gateway, topic(WATER), "{\"ts\":" + t + ",\"volumeM3\":12345.678}", 2)).isZero();
        gateway.disconnect().waitForCompletion(10_000);

        await().atMost(STORE_WAIT).untilAsserted(() -> {
            List<StoredReading> rows = stored(PV);
            assertThat(rows).hasSize(96);
            assertThat(rows.get(95)).isEqualTo(new StoredReading(PV, t + 95 * 900_000L,
                    Map.of("energyKwh", 23.75, "irradianceWm2", 95.0, "temperatureC", -3.5)));
            assertThat(stored(WATER)).containsExactly(new StoredReading(WATER, t, Map.of("volumeM3", 12345.678)));
        });
    }

    @Test
    void pubackArrivesOnlyOnceTheStoreHasTheReadings() throws Exception {
        long t = T0 + 3_000;
        MqttAsyncClient client = new MqttAsyncClient(uri(), "it-held-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect(v3Options(TestRegistry.HVAC, secret(TestRegistry.HVAC))).waitForCompletion(10_000);
        sink.closeGate();
        try {
            IMqttDeliveryToken token = client.publish(topic(TestRegistry.HVAC),
                    utf8("{\"ts\":" + t + ",\"energyKwh\":7}"), 1, false);
            await().atMost(STORE_WAIT).until(() -> sink.waiting() > 0);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !token.isComplete());
            assertThat(stored(TestRegistry.HVAC)).filteredOn(r -> r.tsMillis() == t).isEmpty();
            sink.openGate();
            token.waitForCompletion(10_000);
        } finally {
            sink.openGate();
        }
        await().atMost(STORE_WAIT).untilAsserted(() -> assertThat(stored(TestRegistry.HVAC))
                .filteredOn(r -> r.tsMillis() == t)
                .containsExactly(new StoredReading(TestRegistry.HVAC, t, Map.of("energyKwh", 7.0))));
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    @Test
    void wrongCredentialsAreRefusedInBothVersions() {
        assertThatThrownBy(() -> v3(MAIN, "wrong")).isInstanceOfSatisfying(MqttException.class,
                e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertThatThrownBy(() -> v5("nobody", "wrong")).isInstanceOfSatisfying(
                org.eclipse.paho.mqttv5.common.MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        assertThat(meters.get(IngestMetrics.CONNECT_REFUSED).tag("reason", "bad_credentials").counter().count())
                .isEqualTo(2);
    }

    @Test
    void anInvalidPayloadIsRefusedQuarantinedAndCounted() throws Exception {
        long future = Instant.now().plus(1, ChronoUnit.HOURS).toEpochMilli();
        String poison = "{\"ts\":" + future + ",\"volumeM3\":1}";
        var gateway = v5(GATEWAY, secret(GATEWAY));
        assertThat(v5Publish(gateway, topic(TestRegistry.GAS), poison, 1)).isEqualTo(0x99);
        gateway.disconnect().waitForCompletion(10_000);
        // MQTT 3.1.1 acknowledges it normally, so the device does not resend it forever.
        MqttClient client = v3(GATEWAY, secret(GATEWAY));
        client.publish(topic(TestRegistry.GAS), utf8("{\"ts\":" + T0 + ",\"volumeM3\":\"12\"}"), 1, false);
        client.disconnect();
        client.close();

        List<QuarantineEntry> rows = quarantine.recent(Optional.of(GATEWAY), 10);
        assertThat(rows).extracting(QuarantineEntry::reason).containsExactly("not_a_number", "ts_in_future");
        assertThat(rows.get(1).payload()).isEqualTo(poison);
        assertThat(rows.get(1).topic()).isEqualTo(topic(TestRegistry.GAS));
        Counter counted = meters.get(IngestMetrics.REJECTED).tag("reason", "ts_in_future").counter();
        assertThat(counted.count()).isEqualTo(1);
        assertThat(stored(TestRegistry.GAS)).isEmpty();
    }
}
