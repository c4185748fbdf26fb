package io.jieneng.ingest.server;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** SUBSCRIBE is refused filter by filter, UNSUBSCRIBE answered; the connection stays open either way. */
class SubscribeTest {

    final MqttHarness harness = new MqttHarness();

    @ParameterizedTest(name = "MQTT {0}")
    @CsvSource({"MQTT_3_1_1, 128", "MQTT_5, 143"})
    void everySubscriptionIsRefused(MqttVersion version, int code) {
        MqttWire wire = harness.connect().connected(version, MAIN, secret(MAIN));
        wire.send(MqttMessageBuilders.subscribe().messageId(7).addSubscription(MqttQoS.AT_LEAST_ONCE, "meters/#")
                .addSubscription(MqttQoS.AT_MOST_ONCE, "$share/g/meters/+/readings").build());
        MqttSubAckMessage ack = (MqttSubAckMessage) wire.receiveOne();
        assertThat(ack.variableHeader().messageId()).isEqualTo(7);
        assertThat(ack.payload().reasonCodes()).containsExactly(code, code);
        assertThat(wire.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "MQTT {0}")
    @CsvSource({"MQTT_3_1_1, 0", "MQTT_5, 2"})
    void unsubscribeIsAnsweredWithNoSubscriptionExisted(MqttVersion version, int codes) {
        MqttWire wire = harness.connect().connected(version, MAIN, secret(MAIN));
        wire.send(MqttMessageBuilders.unsubscribe().messageId(8).addTopicFilter("meters/#")
                .addTopicFilter("a/b").build());
        MqttUnsubAckMessage ack = (MqttUnsubAckMessage) wire.receiveOne();
        assertThat(ack.variableHeader().messageId()).isEqualTo(8);
        if (codes > 0) {
            assertThat(ack.payload().unsubscribeReasonCodes()).containsExactly((short) 0x11, (short) 0x11);
        }
        assertThat(wire.isOpen()).isTrue();
    }
}
