package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ResourceLeakDetector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated MQTT byte streams through the real pipeline: whatever arrives, no exception escapes the
 * pipeline, no handler fails unexpectedly, every buffer is released, and the server still serves a good client.
 */
class MqttFuzzTest {

    /** One mutation of a byte stream. */
    record Mutation(int kind, int position, int value) {
    }

    MqttHarness harness;
    TrackingAllocator allocator;

    @BeforeProperty
    void start() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        harness = new MqttHarness();
    }

    @AfterProperty
    void stop() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @Property(tries = 200)
    void randomBytesAfterAConnectAreSurvived(@ForAll("versions") MqttVersion version,
                                             @ForAll("chunks") List<byte[]> chunks) throws Exception {
        List<byte[]> stream = new ArrayList<>();
        stream.add(encode(version, List.of(connect(version))));
        stream.addAll(chunks);
        feedAndCheck(stream);
    }

    @Property(tries = 200)
    void randomBytesAsTheFirstPacketAreSurvived(@ForAll("chunks") List<byte[]> chunks) throws Exception {
        feedAndCheck(chunks);
    }

    @Property(tries = 400)
    void mutatedSessionsAreSurvived(@ForAll("versions") MqttVersion version, @ForAll("sessions") List<Integer> ops,
                                    @ForAll("mutations") List<Mutation> mutations,
                                    @ForAll("splits") List<Integer> splits) throws Exception {
        byte[] valid = encode(version, session(version, ops));
        feedAndCheck(split(mutate(valid, mutations), splits));
    }

    /** Valid traffic split anywhere gets exactly the answers it gets in one piece (the framer's job). */
    @Property(tries = 100)
    void splittingValidTrafficChangesNothing(@ForAll("versions") MqttVersion version,
                                             @ForAll("sessions") List<Integer> ops,
                                             @ForAll("splits") List<Integer> splits) throws Exception {
        byte[] valid = encode(version, session(version, ops));
        List<String> whole = answers(List.of(valid));
        List<String> pieces = answers(split(valid, splits));
        assertThat(pieces).isEqualTo(whole);
    }

    private List<String> answers(List<byte[]> stream) throws Exception {
        MqttWire wire = harness.connect();
        wire.received();
        for (byte[] chunk : stream) {
            if (wire.isOpen()) {
                wire.sendRaw(chunk);
            }
        }
        harness.writeBatch();
        List<String> out = new ArrayList<>();
        wire.server.runPendingTasks();
        ByteBuf bytes;
        while ((bytes = wire.server.readOutbound()) != null) {
            out.add(io.netty.buffer.ByteBufUtil.hexDump(bytes));
            bytes.release();
        }
        wire.server.close();
        // Adjacent writes may be flushed together or apart; compare the bytes, not the flushes.
        return List.of(String.join("", out));
    }

    private void feedAndCheck(List<byte[]> stream) throws Exception {
        allocator = new TrackingAllocator();
        double errorsBefore = harness.counter(IngestMetrics.ERRORS);
        MqttWire wire = harness.connectFrom(null, allocator);
        EmbeddedChannel server = wire.server;
        for (byte[] chunk : stream) {
            if (!server.isOpen()) {
                break;
            }
            // Throws if an exception got past the tail handler.
            server.writeInbound(allocator.buffer(chunk.length).writeBytes(chunk));
            server.runPendingTasks();
        }
        harness.writeBatch();
        server.runPendingTasks();
        server.close();
        server.finishAndReleaseAll();
        server.checkException();
        assertThat(harness.counter(IngestMetrics.ERRORS)).isEqualTo(errorsBefore);
        assertThat(allocator.unreleased()).isEmpty();
        stillServesAGoodClient();
    }

    private void stillServesAGoodClient() throws Exception {
        MqttWire good = harness.connect().connected(MqttVersion.MQTT_5, MAIN, secret(MAIN));
        good.send(MqttWire.publish(PublishTest.TOPIC, 1, 1, PublishTest.VALID));
        harness.writeBatch();
        assertThat(MqttWire.reasonOf(good.receiveOne())).isZero();
        good.server.close();
    }

    // --- generators ---

    @Provide
    Arbitrary<MqttVersion> versions() {
        return Arbitraries.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5);
    }

    @Provide
    Arbitrary<List<byte[]>> chunks() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64).list().ofMaxSize(8);
    }

    /** Packet kinds, see {@link #session}. */
    @Provide
    Arbitrary<List<Integer>> sessions() {
        return Arbitraries.integers().between(0, 9).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 255)).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(1, 40).list().ofMaxSize(10);
    }

    // --- building streams ---

    static MqttMessage connect(MqttVersion version) {
        return MqttWire.connectBuilder(version, "fuzz", MAIN, secret(MAIN), true).build();
    }

    /** A CONNECT followed by packets of the kinds in {@code ops}, all valid on their own. */
    static List<MqttMessage> session(MqttVersion version, List<Integer> ops) {
        List<MqttMessage> out = new ArrayList<>();
        out.add(connect(version));
        int id = 1;
        for (int op : ops) {
            id++;
            out.add(switch (op) {
                case 0 -> MqttWire.publish(PublishTest.TOPIC, 0, 0, PublishTest.VALID);
                case 1 -> MqttWire.publish(PublishTest.TOPIC, 1, id, PublishTest.VALID);
                case 2 -> MqttWire.publish(PublishTest.TOPIC, 2, id, PublishTest.VALID);
                case 3 -> MqttWire.publish(PublishTest.TOPIC, 1, id, PublishTest.IN_FUTURE);
                case 4 -> MqttWire.pubrel(id - 1);
                case 5 -> MqttMessage.PINGREQ;
                case 6 -> MqttMessageBuilders.subscribe().messageId(id).addSubscription(MqttQoS.AT_LEAST_ONCE, "a/#")
                        .build();
                case 7 -> MqttMessageBuilders.unsubscribe().messageId(id).addTopicFilter("a/#").build();
                case 8 -> version == MqttVersion.MQTT_5 ? MqttWire.publish(PublishTest.TOPIC, 1, id,
                        PublishTest.VALID, MqttWire.props(MqttProperties.MqttPropertyType.TOPIC_ALIAS, 1))
                        : MqttMessage.PINGREQ;
                default -> MqttWire.publish("meters/other/readings", 1, id, "{\"ts\": 1}");
            });
        }
        return out;
    }

    static byte[] encode(MqttVersion version, List<MqttMessage> messages) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MqttMessage m : messages) {
            encoder.writeOutbound(m);
            ByteBuf b;
            while ((b = encoder.readOutbound()) != null) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    static byte[] mutate(byte[] valid, List<Mutation> mutations) {
        byte[] b = valid.clone();
        for (Mutation m : mutations) {
            if (b.length == 0) {
                break;
            }
            int at = m.position() % b.length;
            b = switch (m.kind()) {
                case 0 -> set(b, at, m.value());
                case 1 -> java.util.Arrays.copyOf(b, at);
                case 2 -> insert(b, at, m.value());
                case 3 -> set(b, at, b[at] ^ (1 << (m.value() % 8)));
                default -> remove(b, at);
            };
        }
        return b;
    }

    static byte[] set(byte[] b, int at, int value) {
        b[at] = (byte) value;
        return b;
    }

    static byte[] insert(byte[] b, int at, int value) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) value;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    static byte[] remove(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    static List<byte[]> split(byte[] b, List<Integer> sizes) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        for (int size : sizes) {
            if (at >= b.length) {
                break;
            }
            int n = Math.min(size, b.length - at);
            out.add(java.util.Arrays.copyOfRange(b, at, at + n));
            at += n;
        }
        if (at < b.length) {
            out.add(java.util.Arrays.copyOfRange(b, at, b.length));
        }
        return out;
    }
}
