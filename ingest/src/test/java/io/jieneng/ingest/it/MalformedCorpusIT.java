package io.jieneng.ingest.it;

import io.jieneng.ingest.IngestMetrics;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.jieneng.ingest.it.LiveIngest.T0;
import static io.jieneng.ingest.testing.TestRegistry.GAS;
import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A corpus of malformed packets sent over real sockets to a running IngestServer while a well-behaved Paho client
 * keeps publishing: each offending connection is closed (with the DISCONNECT reason MQTT 5 calls for), nothing
 * fails unexpectedly, and the good client never notices.
 */
class MalformedCorpusIT {

    static final Duration CLOSE_WAIT = Duration.ofSeconds(8);
    static final byte[] TOPIC = utf8("meters/" + MAIN + "/readings");
    static final byte[] BAD_UTF8 = {0x6d, (byte) 0xc3, 0x28, 0x6d};

    /** One malformed input. {@code connectFirst}: 0 none, 4 an MQTT 3.1.1 CONNECT, 5 an MQTT 5 CONNECT. */
    record Case(String name, int connectFirst, byte[] bytes, Integer disconnectReason) {
    }

    static LiveIngest ingest;

    @BeforeAll
    static void start() throws Exception {
        // No rate limit: the good client publishes as fast as its acknowledgements come back.
        ingest = LiveIngest.start(Map.of("JIENENG_INGEST_CONNECT_TIMEOUT_SECONDS", "2",
                "JIENENG_INGEST_MAX_MESSAGES_PER_SECOND", "0"));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    static List<Case> corpus() {
        byte[] connect = connect(4, 0xc2, utf8("c"), utf8(MAIN), utf8(secret(MAIN)));
        byte[] shortened = connect.clone();
        shortened[1] = (byte) (shortened[1] - 3);
        int max = io.jieneng.ingest.server.MqttServices.maxMessageBytes(65536);
        List<Case> c = new ArrayList<>();
        // Before CONNECT: closed, no CONNACK.
        c.add(new Case("truncated CONNECT", 0, java.util.Arrays.copyOf(connect, 10), null));
        c.add(new Case("CONNECT with a remaining length too short", 0, shortened, null));
        c.add(new Case("invalid UTF-8 in the client id", 0, connect(4, 0xc2, BAD_UTF8, utf8(MAIN),
                utf8(secret(MAIN))), null));
        c.add(new Case("invalid UTF-8 in the user name", 0, connect(5, 0xc2, utf8("c"), BAD_UTF8,
                utf8(secret(MAIN))), null));
        c.add(new Case("CONNECT with the reserved flag", 0, connect(4, 0xc3, utf8("c"), utf8(MAIN),
                utf8(secret(MAIN))), null));
        c.add(new Case("oversized CONNECT", 0, header(0x10, max + 1), null));
        c.add(new Case("a PUBLISH before CONNECT", 0, packet(0x30, str(TOPIC), utf8("{}")), null));
        c.add(new Case("five remaining-length bytes", 0, bytes(0x10, 0xff, 0xff, 0xff, 0xff, 0x01), null));
        c.add(new Case("garbage", 0, bytes(0xde, 0xad, 0xbe, 0xef, 0x00, 0x13, 0x37), null));
        // After an MQTT 5 CONNECT: DISCONNECT with the reason, then closed.
        c.add(new Case("truncated PUBLISH (keepalive expires)", 5,
                java.util.Arrays.copyOf(packet(0x32, str(TOPIC), bytes(0, 1, 0), utf8("{}")), 8), 0x8D));
        c.add(new Case("oversized PUBLISH", 5, header(0x30, max + 1), 0x95));
        c.add(new Case("PUBLISH whose topic runs past its remaining length", 5, bytes(0x30, 0x05, 0x00, 0x40,
                0x61, 0x62, 0x63), 0x81));
        c.add(new Case("invalid UTF-8 in the topic", 5, packet(0x30, str(BAD_UTF8), bytes(0), utf8("{}")), 0x81));
        c.add(new Case("PUBREL with reserved flags 0000", 5, bytes(0x60, 0x02, 0x00, 0x01), 0x81));
        c.add(new Case("PINGREQ with a reserved flag", 5, bytes(0xc1, 0x00), 0x81));
        c.add(new Case("zero-length topic without alias", 5, packet(0x30, str(new byte[0]), bytes(0), utf8("{}")),
                0x82));
        c.add(new Case("packet id 0 at QoS 1", 5, packet(0x32, str(TOPIC), bytes(0, 0, 0), utf8("{}")), 0x81));
        c.add(new Case("DUP on QoS 0", 5, packet(0x38, str(TOPIC), bytes(0), utf8("{}")), 0x81));
        c.add(new Case("topic alias 0", 5, packet(0x30, str(TOPIC), bytes(3, 0x23, 0, 0), utf8("{}")), 0x94));
        c.add(new Case("AUTH", 5, bytes(0xf0, 0x00), 0x82));
        c.add(new Case("a second CONNECT", 5, connect(5, 0xc2, utf8("c"), utf8(MAIN), utf8(secret(MAIN))), 0x82));
        c.add(new Case("SUBSCRIBE without topic filters", 5, bytes(0x82, 0x03, 0x00, 0x01, 0x00), 0x82));
        // After an MQTT 3.1.1 CONNECT: closed without a word.
        c.add(new Case("3.1.1 zero-length topic", 4, packet(0x30, str(new byte[0]), utf8("{}")), null));
        c.add(new Case("3.1.1 invalid UTF-8 in the topic", 4, packet(0x30, str(BAD_UTF8), utf8("{}")), null));
        return c;
    }

    @Test
    void everyOffendingConnectionIsClosedWhileAGoodClientKeepsPublishing() throws Exception {
        MqttAsyncClient good = new MqttAsyncClient(ingest.plainUri(), "good-client", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(GAS);
        o.setPassword(secret(GAS).getBytes(StandardCharsets.UTF_8));
        o.setAutomaticReconnect(false);
        good.connect(o).waitForCompletion(10_000);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            int i = 0;
            while (running.get() && failure.get() == null) {
                try {
                    IMqttToken t = good.publish("meters/" + GAS + "/readings", ("{\"ts\":" + (T0 + i * 1000L)
                            + ",\"volumeM3\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false);
                    t.waitForCompletion(10_000);
                    assertThat(t.getReasonCodes()).containsOnly(0);
                    acknowledged.incrementAndGet();
                    i++;
                } catch (Throwable e) {
                    failure.set(e);
                }
            }
        }, "good-publisher");
        publisher.start();

        for (Case c : corpus()) {
            List<MqttMessage> answers;
            try (RawMqttClient bad = new RawMqttClient(ingest.server.port())) {
                if (c.connectFirst() > 0) {
                    bad.expect(c.connectFirst() == 5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1);
                    bad.sendRaw(connect(c.connectFirst(), 0xc2, utf8("bad"), utf8(MAIN), utf8(secret(MAIN)), 1));
                    MqttMessage ack = bad.read(CLOSE_WAIT);
                    assertThat(ack.fixedHeader().messageType()).as(c.name()).isEqualTo(MqttMessageType.CONNACK);
                }
                bad.sendRaw(c.bytes());
                answers = bad.untilClosed(CLOSE_WAIT);
            }
            if (c.disconnectReason() == null) {
                assertThat(answers).as(c.name()).isEmpty();
            } else {
                assertThat(answers).as(c.name()).hasSize(1);
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) answers.get(0).variableHeader())
                        .reasonCode() & 0xff).as(c.name()).isEqualTo(c.disconnectReason());
            }
            assertThat(failure.get()).as("the good client after " + c.name()).isNull();
        }

        int before = acknowledged.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.get() > before + 5 || failure.get() != null);
        running.set(false);
        publisher.join(15_000);
        assertThat(failure.get()).isNull();
        assertThat(good.isConnected()).isTrue();
        good.disconnect().waitForCompletion(10_000);
        good.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ingest.stored(GAS))
                .hasSize(acknowledged.get()));
        assertThat(ingest.counter(IngestMetrics.ERRORS)).isZero();
        assertThat(ingest.counter(IngestMetrics.PROTOCOL_VIOLATIONS, "reason", "malformed_packet"))
                .isGreaterThanOrEqualTo(10);
    }

    // --- raw bytes ---

    static byte[] connect(int level, int flags, byte[] clientId, byte[] user, byte[] password) {
        return connect(level, flags, clientId, user, password, 60);
    }

    static byte[] connect(int level, int flags, byte[] clientId, byte[] user, byte[] password, int keepAlive) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(str(utf8("MQTT")));
        b.write(level);
        b.write(flags);
        b.writeBytes(bytes(keepAlive >> 8, keepAlive & 0xff));
        if (level == 5) {
            b.write(0);
        }
        b.writeBytes(str(clientId));
        b.writeBytes(str(user));
        b.writeBytes(str(password));
        return packet(0x10, b.toByteArray());
    }

    static byte[] packet(int first, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(first, body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] header(int first, int remaining) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int n = remaining;
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        return out.toByteArray();
    }

    static byte[] str(byte[] raw) {
        byte[] out = new byte[raw.length + 2];
        out[0] = (byte) (raw.length >> 8);
        out[1] = (byte) raw.length;
        System.arraycopy(raw, 0, out, 2, raw.length);
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
