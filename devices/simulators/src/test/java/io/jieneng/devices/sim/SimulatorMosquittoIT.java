package io.jieneng.devices.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.SubItem;
import io.jieneng.devices.sim.profile.SiteTime;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The simulator against a real Mosquitto broker (started by {@code ./jieneng test}): a Paho subscriber on
 * {@code meters/+/readings} must receive every reading the simulator counts as sent, as contract payloads.
 */
class SimulatorMosquittoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY = 86_400_000L;
    private static final long INTERVAL = 900_000L;

    private static String host;
    private static int port;

    private final String prefix = "simit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private MqttClient subscriber;

    @BeforeAll
    static void broker() {
        host = System.getenv("JIENENG_TEST_MQTT_HOST");
        String p = System.getenv("JIENENG_TEST_MQTT_PORT");
        if (host == null || host.isBlank() || p == null || p.isBlank()) {
            fail("JIENENG_TEST_MQTT_HOST and JIENENG_TEST_MQTT_PORT are not set: run the integration tests with"
                    + " `./jieneng test`, which starts Mosquitto and sets them");
        }
        port = Integer.parseInt(p.trim());
    }

    @BeforeEach
    void subscribe() throws MqttException {
        subscriber = new MqttClient("tcp://" + host + ":" + port, prefix + "subscriber", new MemoryPersistence());
        subscriber.setCallback(new Collector());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        subscriber.connect(options);
        subscriber.subscribe("meters/+/readings", 1);
    }

    @AfterEach
    void unsubscribe() throws MqttException {
        subscriber.disconnect();
        subscriber.close();
    }

    @Test
    void backfillOfOneDayDeliversEveryReadingOnceWithOnlyAllowedFieldsAndMonotonicRegisters() throws Exception {
        Instant now = Instant.now();
        LocalDate today = now.atZone(SiteTime.ZONE).toLocalDate();
        RegistryDocument doc = registry(today);
        Map<String, Integer> expected = new HashMap<>();
        for (String m : List.of("e-main", "e-hvac", "pv", "water", "gas")) {
            expected.put(prefix + m, 96);
        }
        // Commissioned today: only the readings from local midnight on.
        long midnight = SiteTime.startOfDayMillis(today);
        expected.put(prefix + "water-new", (int) ((now.toEpochMilli() - midnight) / INTERVAL) + 1);
        int total = expected.values().stream().mapToInt(Integer::intValue).sum();

        SimulatorOptions options = SimulatorOptions.defaults().withBroker(host, port).withBackfillDays(1)
                .withLive(false);
        BackfillSummary summary;
        try (Simulator simulator = new Simulator(doc, options, Clock.fixed(now, ZoneOffset.UTC))) {
            assertThat(simulator.plan().skipped()).containsExactly(prefix + "no-secret");
            assertThat(simulator.plan().groups()).hasSize(5);
            simulator.start();
            summary = simulator.awaitBackfill();
        }
        assertThat(summary.readings()).isEqualTo(total);
        assertThat(summary.failedReadings()).isZero();
        assertThat(summary.meters()).isEqualTo(6);

        await().atMost(Duration.ofSeconds(60)).until(() -> readings().size() >= total);
        List<Parsed> readings = readings();
        assertThat(readings).hasSize(total);
        Map<String, List<Parsed>> byMeter = readings.stream().collect(Collectors.groupingBy(Parsed::meterId));
        assertThat(byMeter.keySet()).isEqualTo(expected.keySet());
        for (Meter meter : doc.meters()) {
            List<Parsed> mine = byMeter.getOrDefault(meter.id(), List.of());
            if (!expected.containsKey(meter.id())) {
                assertThat(mine).isEmpty();
                continue;
            }
            assertThat(mine.stream().map(Parsed::ts).distinct().count()).as(meter.id())
                    .isEqualTo(expected.get(meter.id()).longValue());
            long notBefore = meter.commissioned() == null ? Long.MIN_VALUE
                    : SiteTime.startOfDayMillis(meter.commissioned());
            Set<String> allowed = meter.type().allowedFields(meter.role()).stream().map(ReadingField::jsonName)
                    .collect(Collectors.toSet());
            for (Parsed r : mine) {
                assertThat(r.ts()).isGreaterThan(now.toEpochMilli() - DAY).isLessThanOrEqualTo(now.toEpochMilli())
                        .isGreaterThanOrEqualTo(notBefore);
                assertThat(r.ts() % INTERVAL).isZero();
                assertThat(allowed).containsAll(r.values().keySet());
                assertThat(r.values()).isNotEmpty();
            }
            assertMonotonic(mine);
        }
    }

    @Test
    void liveModeContinuesTheRegistersAfterTheBackfillUntilClosed() throws Exception {
        RegistryDocument doc = registry(LocalDate.of(2025, 1, 1));
        SimulatorOptions options = SimulatorOptions.parse("--host", host, "--port", Integer.toString(port),
                "--backfill-days", "1", "--live-interval-seconds", "1");
        long backfillEnd;
        try (Simulator simulator = new Simulator(doc, options)) {
            backfillEnd = System.currentTimeMillis();
            simulator.start();
            simulator.awaitBackfill();
            await().atMost(Duration.ofSeconds(30)).until(() -> readings().stream()
                    .filter(r -> r.meterId().equals(prefix + "gas") && !r.inArray()).count() >= 3);
        }
        List<Parsed> gas = readings().stream().filter(r -> r.meterId().equals(prefix + "gas")).toList();
        List<Parsed> live = gas.stream().filter(r -> !r.inArray()).toList();
        assertThat(live).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(r -> assertThat(r.ts()).isGreaterThanOrEqualTo(backfillEnd));
        assertThat(gas.size() - live.size()).isEqualTo(96);
        assertMonotonic(gas);
        long before = readings().size();
        // Closed: nothing more arrives (give the broker a moment to flush what it already had).
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> readings().size() <= before + 5);
    }

    private RegistryDocument registry(LocalDate commissionedOfNewMeter) {
        String inst = prefix + "office";
        LocalDate old = LocalDate.of(2025, 1, 1);
        List<Meter> meters = new ArrayList<>(List.of(
                new Meter(prefix + "e-main", inst, MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900, old, "s1"),
                new Meter(prefix + "e-hvac", inst, MeterType.ELECTRICITY, MeterRole.SUB, SubItem.HVAC, null, 900, old,
                        "s2"),
                new Meter(prefix + "pv", inst, MeterType.PV, null, null, 100.0, 900, old, "s3"),
                new Meter(prefix + "water", inst, MeterType.WATER, null, null, null, 900, old, null),
                new Meter(prefix + "gas", inst, MeterType.GAS, null, null, null, 900, old, null),
                new Meter(prefix + "water-new", inst, MeterType.WATER, null, null, null, 900, commissionedOfNewMeter,
                        "s4"),
                new Meter(prefix + "no-secret", inst, MeterType.WATER, null, null, null, 900, old, null)));
        return new RegistryDocument(null,
                List.of(new Institution(inst, "Office", "320000", "government", 20_000.0, 400)), meters,
                List.of(new Gateway(prefix + "gw", List.of(prefix + "water", prefix + "gas"),
                        "c4d92a1fd47b1e6efe8ffe8cb77b4ef3")),
                null, null, null, null);
    }

    private static void assertMonotonic(List<Parsed> readings) {
        Map<Long, Parsed> byTs = new TreeMap<>();
        readings.forEach(r -> byTs.put(r.ts(), r));
        Map<String, Double> last = new HashMap<>();
        for (Parsed r : byTs.values()) {
            r.values().forEach((field, v) -> {
                if (ReadingField.fromJsonName(field).orElseThrow().isRegister()) {
                    assertThat(v).as("%s of %s at %d", field, r.meterId(), r.ts())
                            .isGreaterThanOrEqualTo(last.getOrDefault(field, 0.0));
                    last.put(field, v);
                }
            });
        }
    }

    /** The readings received for this test's meters. */
    private List<Parsed> readings() throws IOException {
        List<Parsed> out = new ArrayList<>();
        for (Received m : received) {
            String meterId = m.topic().split("/")[1];
            if (!meterId.startsWith(prefix)) {
                continue;
            }
            JsonNode root = JSON.readTree(m.payload());
            if (root.isArray()) {
                root.forEach(node -> out.add(parse(meterId, node, true)));
            } else {
                out.add(parse(meterId, root, false));
            }
        }
        return out;
    }

    private static Parsed parse(String meterId, JsonNode node, boolean inArray) {
        Map<String, Double> values = new HashMap<>();
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(node.get("ts").isIntegralNumber()).isTrue();
        for (String name : names) {
            if (!name.equals("ts")) {
                JsonNode v = node.get(name);
                assertThat(v.isNumber()).as(name).isTrue();
                values.put(name, v.doubleValue());
            }
        }
        return new Parsed(meterId, node.get("ts").longValue(), values, inArray);
    }

    private record Received(String topic, byte[] payload) {
    }

    private record Parsed(String meterId, long ts, Map<String, Double> values, boolean inArray) {
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(topic, message.getPayload()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
