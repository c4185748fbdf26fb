package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

import static io.jieneng.ingest.server.ConnectTest.returnCode;
import static io.jieneng.ingest.server.MqttWire.connect;
import static io.jieneng.ingest.testing.TestRegistry.GATEWAY;
import static io.jieneng.ingest.testing.TestRegistry.HVAC;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device credentials at CONNECT (issue 12, item 6): legacy hashes upgraded, failed CONNECTs throttled per address
 * and per device id before any hash, abandoned checks dropped.
 */
class CredentialsTest {

    static final Limits LIMITS = new Limits(0, 1, 0, new Limits.FailureBudget(5, 6), new Limits.FailureBudget(3, 1),
            Duration.ofSeconds(10));

    final MqttHarness harness = new MqttHarness(MqttHarness.Options.defaults().limits(LIMITS));

    static InetSocketAddress from(String ip) {
        return new InetSocketAddress(ip, 40_000);
    }

    int connack(String ip, MqttVersion version, String user, String password) {
        MqttWire wire = harness.connectFrom(from(ip), null);
        wire.send(connect(version, user, password, 60));
        return returnCode(wire.receiveOne());
    }

    @Test
    void aLegacyBcryptHashIsReplacedByAFastOneAtTheFirstSuccessfulConnect() {
        assertThat(harness.secrets.deviceSecretHash(MAIN).orElseThrow()).startsWith("$2");
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_5, MAIN, secret(MAIN))).isZero();
        assertThat(harness.secrets.deviceSecretHash(MAIN).orElseThrow()).startsWith("$pbkdf2-sha256$");
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_5, MAIN, secret(MAIN))).isZero();
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_5, MAIN, "not-" + secret(MAIN))).isEqualTo(0x86);
        // A failed CONNECT upgrades nothing.
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_5, HVAC, "wrong")).isEqualTo(0x86);
        assertThat(harness.secrets.deviceSecretHash(HVAC).orElseThrow()).startsWith("$2");
    }

    @Test
    void anAddressThatFailedTooOftenIsRefusedBeforeAnyHashWhileOthersConnect() {
        for (int i = 0; i < 5; i++) {
            assertThat(connack("192.0.2.66", MqttVersion.MQTT_5, "bogus-" + i, "guess")).isEqualTo(0x86);
        }
        int reads = harness.secrets.hashReads();
        assertThat(connack("192.0.2.66", MqttVersion.MQTT_5, "bogus-5", "guess")).isEqualTo(0x9F);
        assertThat(connack("192.0.2.66", MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN))).isEqualTo(3);
        assertThat(harness.secrets.hashReads()).as("no database read, no hash").isEqualTo(reads);
        assertThat(harness.counter(IngestMetrics.CONNECT_REFUSED, "reason", "throttled")).isEqualTo(2);
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_5, MAIN, secret(MAIN))).isZero();
        // Ten seconds give the address one more try (6 a minute).
        harness.advance(Duration.ofSeconds(10));
        assertThat(connack("192.0.2.66", MqttVersion.MQTT_5, HVAC, secret(HVAC))).isZero();
    }

    @Test
    void ipv6ClientsOfOneSlash64ShareABudget() {
        for (int i = 1; i <= 5; i++) {
            assertThat(connack("2001:db8:1:2::" + i, MqttVersion.MQTT_5, "bogus", "guess")).isEqualTo(0x86);
        }
        assertThat(connack("2001:db8:1:2:ffff::9", MqttVersion.MQTT_5, "bogus", "guess")).isEqualTo(0x9F);
        assertThat(connack("2001:db8:1:3::1", MqttVersion.MQTT_5, "bogus", "guess")).isEqualTo(0x86);
    }

    @Test
    void aDeviceIdGuessedFromManyAddressesIsRefusedBeforeAnyHash() {
        for (int i = 1; i <= 3; i++) {
            assertThat(connack("198.51.100." + i, MqttVersion.MQTT_5, MAIN, "guess")).isEqualTo(0x86);
        }
        int reads = harness.secrets.hashReads();
        assertThat(connack("198.51.100.9", MqttVersion.MQTT_5, MAIN, "guess")).isEqualTo(0x9F);
        assertThat(harness.secrets.hashReads()).isEqualTo(reads);
        // Unknown ids get no budget of their own (the address budget covers them), so the map stays small.
        assertThat(connack("198.51.100.10", MqttVersion.MQTT_5, "nobody", "guess")).isEqualTo(0x86);
        assertThat(connack("198.51.100.11", MqttVersion.MQTT_5, "nobody", "guess")).isEqualTo(0x86);
        assertThat(connack("198.51.100.12", MqttVersion.MQTT_5, "nobody", "guess")).isEqualTo(0x86);
        assertThat(connack("198.51.100.13", MqttVersion.MQTT_5, "nobody", "guess")).isEqualTo(0x86);
    }

    @Test
    void aQueuedCheckWhoseSocketClosedIsDroppedUnchecked() {
        Queue<Runnable> queued = new ArrayDeque<>();
        MqttHarness queuing = new MqttHarness(MqttHarness.Options.defaults().authExecutor(queued::add));
        MqttWire gone = queuing.connect();
        gone.send(connect(MqttVersion.MQTT_5, MAIN, secret(MAIN), 60));
        MqttWire waiting = queuing.connect();
        waiting.send(connect(MqttVersion.MQTT_5, HVAC, secret(HVAC), 60));
        gone.server.close();
        int reads = queuing.secrets.hashReads();
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
        assertThat(queuing.secrets.hashReads()).isEqualTo(reads + 1);
        assertThat(queuing.counter(IngestMetrics.CONNECT_REFUSED, "reason", "abandoned")).isEqualTo(1);
        assertThat(returnCode(waiting.receiveOne())).isZero();
    }

    @Test
    void aDisabledDeviceIsRefusedLikeABadCredential() {
        harness.registry = io.jieneng.ingest.testing.TestRegistry.disabling(MAIN, GATEWAY);
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_5, MAIN, secret(MAIN))).isEqualTo(0x86);
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_3_1_1, GATEWAY, secret(GATEWAY))).isEqualTo(4);
        assertThat(harness.counter(IngestMetrics.CONNECT_REFUSED, "reason", "disabled")).isEqualTo(2);
        assertThat(connack("192.0.2.1", MqttVersion.MQTT_5, HVAC, secret(HVAC))).isZero();
    }
}
