package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import static io.jieneng.ingest.server.MqttWire.publish;
import static io.jieneng.ingest.server.MqttWire.reasonOf;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-device message rate and the per-address connection limit, through the real pipeline. */
class LimitsTest {

    static final String TOPIC = PublishTest.TOPIC;

    /** One message per second, a burst of two, two sockets per address. */
    final MqttHarness harness = new MqttHarness(MqttHarness.Options.defaults().limits(new Limits(1, 2, 2)));

    static String reading(int i) {
        return "{\"ts\": " + (1767225600000L + i * 1000L) + ", \"energyKwh\": " + (100 + i) + "}";
    }

    MqttWire device(MqttVersion version) {
        return harness.connect().connected(version, MAIN, secret(MAIN));
    }

    @Test
    void mqtt5OverTheRateGets0x97AndNothingIsStored() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_5);
        wire.send(publish(TOPIC, 1, 1, reading(1)));
        wire.send(publish(TOPIC, 2, 2, reading(2)));
        wire.send(publish(TOPIC, 1, 3, reading(3)));
        harness.writeBatch();
        assertThat(wire.received()).extracting(MqttWire::reasonOf).containsExactly(0, 0, 0x97);
        assertThat(harness.sink.all()).hasSize(2);
        assertThat(harness.quarantineStore.recent(Optional.empty(), 10)).isEmpty();
        assertThat(harness.counter(IngestMetrics.RATE_LIMITED, "action", "refused")).isEqualTo(1);
        // Nothing was paused: the device was told, and it decides when to resend.
        assertThat(wire.server.config().isAutoRead()).isTrue();

        harness.advance(Duration.ofSeconds(1));
        wire.send(publish(TOPIC, 1, 3, reading(3)));
        harness.writeBatch();
        assertThat(reasonOf(wire.receiveOne())).isZero();
        assertThat(harness.sink.all()).hasSize(3);
    }

    @Test
    void theRateIsSharedByTheDevicesConnections() throws Exception {
        MqttWire a = device(MqttVersion.MQTT_5);
        MqttWire b = harness.connect();
        b.send(MqttWire.connectBuilder(MqttVersion.MQTT_5, "second", MAIN, secret(MAIN), true).build());
        b.receiveOne();
        a.send(publish(TOPIC, 1, 1, reading(1)));
        b.send(publish(TOPIC, 1, 1, reading(2)));
        a.send(publish(TOPIC, 1, 2, reading(3)));
        harness.writeBatch();
        assertThat(reasonOf(a.received().get(1))).isEqualTo(0x97);
    }

    @Test
    void mqtt5Qos0OverTheRateIsStoredAndTheSocketSlowed() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_5);
        for (int i = 1; i <= 3; i++) {
            wire.send(publish(TOPIC, 0, 0, reading(i)));
        }
        harness.writeBatch();
        assertThat(harness.sink.all()).hasSize(3);
        assertThat(wire.server.config().isAutoRead()).isFalse();
        assertThat(harness.counter(IngestMetrics.RATE_LIMITED, "action", "slowed")).isEqualTo(1);
        harness.advance(Duration.ofMillis(999));
        assertThat(wire.server.config().isAutoRead()).isFalse();
        harness.advance(Duration.ofMillis(1));
        assertThat(wire.server.config().isAutoRead()).isTrue();
    }

    @Test
    void mqtt311OverTheRateIsAcknowledgedNormallyAndSlowed() throws Exception {
        MqttWire wire = device(MqttVersion.MQTT_3_1_1);
        for (int i = 1; i <= 4; i++) {
            wire.send(publish(TOPIC, 1, i, reading(i)));
        }
        harness.writeBatch();
        assertThat(wire.received()).extracting(MqttWire::typeOf).containsOnly(MqttMessageType.PUBACK).hasSize(4);
        assertThat(harness.sink.all()).hasSize(4);
        assertThat(wire.server.config().isAutoRead()).isFalse();
        // Slowed, not dead: the keepalive does not count the pause against the device.
        wire.server.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(wire.isOpen()).isTrue();
        // Two messages over a rate of one per second: two seconds without reading.
        harness.advance(Duration.ofMillis(1999));
        assertThat(wire.server.config().isAutoRead()).isFalse();
        harness.advance(Duration.ofMillis(1));
        assertThat(wire.server.config().isAutoRead()).isTrue();
    }

    @Test
    void aRateLimitResumeDoesNotUndoABackpressurePause() throws Exception {
        MqttHarness small = new MqttHarness(MqttHarness.Options.defaults().pending(2).limits(new Limits(1, 1, 0)));
        MqttWire wire = small.connect().connected(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN));
        wire.send(publish(TOPIC, 1, 1, reading(1)));
        wire.send(publish(TOPIC, 1, 2, "[" + reading(2) + "," + reading(3) + "," + reading(4) + "]"));
        assertThat(wire.server.config().isAutoRead()).isFalse();
        small.advance(Duration.ofSeconds(5));
        // The store has not taken anything yet: reads stay paused.
        assertThat(wire.server.config().isAutoRead()).isFalse();
        small.writeBatch();
        wire.received();
        assertThat(wire.server.config().isAutoRead()).isTrue();
    }

    @Test
    void anAddressOverItsConnectionLimitIsClosedAtAccept() {
        InetSocketAddress a = new InetSocketAddress("127.0.0.5", 40001);
        MqttWire first = harness.connectFrom(a, null);
        MqttWire second = harness.connectFrom(new InetSocketAddress("127.0.0.5", 40002), null);
        MqttWire third = harness.connectFrom(new InetSocketAddress("127.0.0.5", 40003), null);
        MqttWire elsewhere = harness.connectFrom(new InetSocketAddress("127.0.0.6", 40004), null);
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).isFalse();
        assertThat(elsewhere.isOpen()).isTrue();
        assertThat(harness.counter(IngestMetrics.IP_REFUSED)).isEqualTo(1);
        assertThat(harness.meters.get(IngestMetrics.CONNECTIONS).gauge().value()).isEqualTo(3);

        first.server.close();
        MqttWire again = harness.connectFrom(new InetSocketAddress("127.0.0.5", 40005), null);
        assertThat(again.isOpen()).isTrue();
        again.connected(MqttVersion.MQTT_5, MAIN, secret(MAIN));
    }
}
