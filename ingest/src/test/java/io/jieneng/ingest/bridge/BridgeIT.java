package io.jieneng.ingest.bridge;

import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.testing.GatedSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.jieneng.ingest.bridge.BrokerFixture.bridgeConfig;
import static io.jieneng.ingest.bridge.BrokerFixture.core;
import static io.jieneng.ingest.bridge.BrokerFixture.publish;
import static io.jieneng.ingest.testing.TestRegistry.GAS;
import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.PV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bridge mode against a real Mosquitto (MQTT 5 shared subscriptions, persistent sessions), writing through real
 * ingest cores into an embedded QuestDB. Each test has its own subscription group, client ids and time range.
 */
class BridgeIT {

    /** Two days ago at midnight UTC; each test takes a day at or before it (after every commissioning date). */
    static final long T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).toEpochMilli();
    static final long HOUR = 3_600_000;
    static final Duration WAIT = Duration.ofSeconds(30);

    static QuestDbFixture questdb;
    static QuarantineStore quarantine;

    final List<Bridge> bridges = new ArrayList<>();
    final List<IngestCore> cores = new ArrayList<>();
    final List<String> clientIds = new ArrayList<>();
    final String group = "it-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startStore() throws Exception {
        BrokerFixture.brokerUrl();
        questdb = new QuestDbFixture();
        quarantine = BrokerFixture.quarantine();
    }

    @AfterAll
    static void stopStore() throws Exception {
        if (questdb != null) {
            questdb.close();
        }
    }

    @AfterEach
    void stopBridges() throws Exception {
        bridges.forEach(b -> b.close(Duration.ofSeconds(2)));
        cores.forEach(IngestCore::close);
        for (String id : clientIds) {
            BrokerFixture.forgetSession(id);
        }
    }

    /** A started bridge with a core of its own, as one ingest replica would have. */
    Bridge bridge(String clientId, IngestCore core, Map<String, String> extra) {
        if (!clientIds.contains(clientId)) {
            clientIds.add(clientId);
        }
        Bridge bridge = new Bridge(bridgeConfig(group, clientId, extra), core);
        bridges.add(bridge);
        bridge.start();
        await().atMost(WAIT).until(bridge::isConnected);
        return bridge;
    }

    IngestCore newCore(io.jieneng.store.ReadingSink sink, SimpleMeterRegistry meters) {
        IngestCore core = core(sink, quarantine, meters);
        cores.add(core);
        return core;
    }

    static double stored(SimpleMeterRegistry meters, int qos) {
        return meters.get(IngestMetrics.MESSAGES).tag("qos", Integer.toString(qos)).counter().count();
    }

    static double rejected(SimpleMeterRegistry meters, String reason) {
        return meters.get(IngestMetrics.REJECTED).tag("reason", reason).counter().count();
    }

    /** {@code count} readings of {@code meter}, one per message, 15 minutes apart from {@code from}. */
    static Map<Long, Double> publishSeries(String meter, long from, int count, int qos) throws Exception {
        Map<Long, Double> sent = new LinkedHashMap<>();
        MqttAsyncClient device = BrokerFixture.publisher();
        for (int i = 0; i < count; i++) {
            long ts = from + i * 900_000L;
            double kwh = 1000 + i * 0.25;
            publish(device, meter, "{\"ts\":" + ts + ",\"energyKwh\":" + kwh + "}", qos);
            sent.put(ts, kwh);
        }
        BrokerFixture.disconnect(device);
        return sent;
    }

    @Test
    void twoInstancesOfOneGroupShareTheMessagesAndStoreEachReadingOnce() throws Exception {
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        Bridge a = bridge(group + "-a", newCore(questdb.sink(), metersA), Map.of());
        Bridge b = bridge(group + "-b", newCore(questdb.sink(), metersB), Map.of());

        long from = T0;
        Map<Long, Double> sent = publishSeries(MAIN, from, 60, 1);

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(questdb.energyByTs(MAIN, from, from + 24 * HOUR)).isEqualTo(sent));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored(metersA, 1) + stored(metersB, 1)).isEqualTo(60);
            assertThat(a.inFlight() + b.inFlight()).isZero();
        });
        // Mosquitto hands a shared subscription's messages round robin: both instances did part of the work.
        assertThat(stored(metersA, 1)).isPositive();
        assertThat(stored(metersB, 1)).isPositive();
        assertThat(metersA.get(Bridge.CONNECTED).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void refusedMessagesAreQuarantinedCountedAndAcknowledgedSoTheyDoNotComeBack() throws Exception {
        String id = group + "-a";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Bridge bridge = bridge(id, newCore(questdb.sink(), meters), Map.of());

        long future = Instant.now().plus(1, ChronoUnit.HOURS).toEpochMilli();
        String poison = "{\"ts\":" + future + ",\"volumeM3\":1}";
        String stranger = "{\"ts\":" + (T0 - 2 * 24 * HOUR) + ",\"energyKwh\":5}";
        MqttAsyncClient device = BrokerFixture.publisher();
        publish(device, GAS, poison, 1);
        publish(device, "not-registered-" + group, stranger, 1);
        BrokerFixture.disconnect(device);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rejected(meters, "ts_in_future")).isEqualTo(1);
            assertThat(rejected(meters, "unknown_meter")).isEqualTo(1);
            assertThat(bridge.inFlight()).isZero();
        });
        List<QuarantineEntry> gas = quarantine.recent(Optional.of(GAS), 10);
        assertThat(gas).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("ts_in_future");
            assertThat(e.topic()).isEqualTo("meters/" + GAS + "/readings");
            assertThat(e.meterId()).isEqualTo(GAS);
            assertThat(e.payload()).isEqualTo(poison);
        });
        assertThat(quarantine.recent(Optional.of("not-registered-" + group), 10)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("unknown_meter"));

        // Both were acknowledged upstream: the same session, reconnected, gets neither again.
        bridge.close(Duration.ofSeconds(5));
        SimpleMeterRegistry again = new SimpleMeterRegistry();
        Bridge resumed = bridge(id, newCore(questdb.sink(), again), Map.of());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                rejected(again, "ts_in_future") + rejected(again, "unknown_meter") == 0 && resumed.inFlight() == 0);
        assertThat(quarantine.recent(Optional.of(GAS), 10)).hasSize(1);
    }

    @Test
    void whatWasNotDurableWhenAnInstanceStoppedIsRedeliveredToItsSuccessor() throws Exception {
        String id = group + "-a";
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        GatedSink held = new GatedSink(questdb.sink());
        held.closeGate();
        Bridge doomed = bridge(id, newCore(held, first), Map.of());

        long from = T0 - 3 * 24 * HOUR;
        Map<Long, Double> sent = publishSeries(HVAC, from, 20, 1);
        await().atMost(WAIT).until(() -> doomed.inFlight() == 20 && held.waiting() > 0);
        assertThat(questdb.energyByTs(HVAC, from, from + 24 * HOUR)).isEmpty();

        // The store never answers: the drain gives up, nothing was acknowledged, the broker keeps all 20.
        doomed.close(Duration.ofMillis(300));
        assertThat(stored(first, 1)).isZero();

        SimpleMeterRegistry second = new SimpleMeterRegistry();
        Bridge successor = bridge(id, newCore(questdb.sink(), second), Map.of());
        held.openGate();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(questdb.energyByTs(HVAC, from, from + 24 * HOUR)).isEqualTo(sent));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored(second, 1)).isEqualTo(20);
            assertThat(successor.inFlight()).isZero();
        });
        assertThat(stored(first, 1)).isZero();
    }

    @Test
    void theBrokerHasAtMostReceiveMaximumMessagesInFlight() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GatedSink held = new GatedSink(questdb.sink());
        held.closeGate();
        Bridge bridge = bridge(group + "-a", newCore(held, meters), Map.of("JIENENG_BRIDGE_RECEIVE_MAXIMUM", "5"));

        long from = T0 - 4 * 24 * HOUR;
        Map<Long, Double> sent = publishSeries(PV, from, 30, 1);
        await().atMost(WAIT).until(() -> bridge.inFlight() == 5);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> bridge.inFlight() == 5);
        assertThat(meters.get(Bridge.IN_FLIGHT).gauge().value()).isEqualTo(5.0);

        held.openGate();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(questdb.energyByTs(PV, from, from + 24 * HOUR)).isEqualTo(sent));
        await().atMost(WAIT).untilAsserted(() -> assertThat(bridge.inFlight()).isZero());
        assertThat(stored(meters, 1)).isEqualTo(30);
    }

    @Test
    void aDevicesQos2PublishesAreBridgedAtQos1AndSurviveAStoppedInstance() throws Exception {
        String id = group + "-a";
        GatedSink held = new GatedSink(questdb.sink());
        held.closeGate();
        Bridge doomed = bridge(id, newCore(held, new SimpleMeterRegistry()), Map.of());

        long from = T0 - 5 * 24 * HOUR;
        Map<Long, Double> sent = publishSeries(MAIN, from, 10, 2);
        await().atMost(WAIT).until(() -> doomed.inFlight() == 10 && held.waiting() > 0);
        doomed.close(Duration.ofMillis(300));

        SimpleMeterRegistry second = new SimpleMeterRegistry();
        Bridge successor = bridge(id, newCore(questdb.sink(), second), Map.of());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(questdb.energyByTs(MAIN, from, from + 24 * HOUR)).isEqualTo(sent));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored(second, 1)).isEqualTo(10);
            assertThat(successor.inFlight()).isZero();
        });
        assertThat(stored(second, 2)).isZero();
    }

    @Test
    void reconnectsByItselfWhenTheBrokerDropsTheConnection() throws Exception {
        String id = group + "-a";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Bridge bridge = bridge(id, newCore(questdb.sink(), meters), Map.of());

        // Another client taking over the session makes Mosquitto drop the bridge's connection (0x8E).
        MqttAsyncClient intruder = new MqttAsyncClient(BrokerFixture.brokerUrl(), id,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        var options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(300L);
        intruder.connect(options).waitForCompletion(10_000);
        // The bridge takes the session back after its first backoff (500 ms), so look closely.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> meters.get(Bridge.CONNECTED).gauge().value() == 0);
        try {
            BrokerFixture.disconnect(intruder);
        } catch (org.eclipse.paho.mqttv5.common.MqttException alreadyTakenBack) {
            intruder.close(true);
        }

        await().atMost(WAIT).until(bridge::isConnected);
        long from = T0 - 6 * 24 * HOUR;
        Map<Long, Double> sent = publishSeries(MAIN, from, 5, 1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(questdb.energyByTs(MAIN, from, from + 24 * HOUR)).isEqualTo(sent));
    }
}
