package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ResourceLeakDetector;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

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

    /**
     * One harness per property, as before: the tries of a property share it, so it must survive them all. Mutated
     * CONNECTs are wrong passwords for the good client's device id; the per-id failure budget would (as designed,
     * CredentialsTest) refuse the good client after ten of them, so it is off here: this test is about the parser.
     */
    @BeforeEach
    void start() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        harness = new MqttHarness(MqttHarness.Options.defaults().limits(new Limits(0, 1, 0,
                Limits.DEFAULT_PER_ADDRESS, new Limits.FailureBudget(0, 1), Limits.DEFAULT_WRITE_STALL)));
    }

    @AfterEach
    void stop() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    // Fewer tries than the default: every try runs the whole pipeline under paranoid leak detection, which
    // tracks each buffer with a stack trace, and then a good client through it.

    @Test
    void randomBytesAfterAConnectAreSurvived() {
        Property.check(200, r -> afterAConnectSurvived(version(r), chunks(r)));
    }

    /** Nothing after the CONNECT, one byte, and the most of all-zero and all-one bytes. */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void randomBytesAfterAConnectAreSurvived_edges(MqttVersion version) throws Exception {
        for (List<byte[]> chunks : edgeChunks()) {
            afterAConnectSurvived(version, chunks);
        }
    }

    private void afterAConnectSurvived(MqttVersion version, List<byte[]> chunks) throws Exception {
        List<byte[]> stream = new ArrayList<>();
        stream.add(encode(version, List.of(connect(version))));
        stream.addAll(chunks);
        feedAndCheck(stream);
    }

    @Test
    void randomBytesAsTheFirstPacketAreSurvived() {
        Property.check(200, r -> feedAndCheck(chunks(r)));
    }

    @Test
    void randomBytesAsTheFirstPacketAreSurvived_edges() throws Exception {
        for (List<byte[]> chunks : edgeChunks()) {
            feedAndCheck(chunks);
        }
    }

    @Test
    void mutatedSessionsAreSurvived() {
        Property.check(400, r -> mutatedSessionSurvived(version(r), sessions(r), mutations(r), splits(r)));
    }

    /**
     * A lone CONNECT and a session of every packet kind, each cut to nothing, cut after one byte, with its first
     * and last byte replaced, flipped, doubled and removed, and fed in one piece and byte by byte.
     */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void mutatedSessionsAreSurvived_edges(MqttVersion version) throws Exception {
        List<Integer> everyKind = IntStream.rangeClosed(0, 9).boxed().toList();
        for (List<Integer> ops : List.of(List.<Integer>of(), everyKind)) {
            for (int kind = 0; kind <= 4; kind++) {
                for (int position : new int[]{0, 1, 10_000}) {
                    for (List<Integer> splits : List.of(List.<Integer>of(), Collections.nCopies(10, 1))) {
                        mutatedSessionSurvived(version, ops, List.of(new Mutation(kind, position, 255)), splits);
                    }
                }
            }
        }
    }

    private void mutatedSessionSurvived(MqttVersion version, List<Integer> ops, List<Mutation> mutations,
                                        List<Integer> splits) throws Exception {
        byte[] valid = encode(version, session(version, ops));
        feedAndCheck(split(mutate(valid, mutations), splits));
    }

    /** Valid traffic split anywhere gets exactly the answers it gets in one piece (the framer's job). */
    @Test
    void splittingValidTrafficChangesNothing() {
        Property.check(100, r -> splittingChangesNothing(version(r), sessions(r), splits(r)));
    }

    /** A lone CONNECT and every packet kind, fed byte by byte and in the largest pieces. */
    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void splittingValidTrafficChangesNothing_edges(MqttVersion version) throws Exception {
        List<Integer> everyKind = IntStream.rangeClosed(0, 9).boxed().toList();
        for (List<Integer> ops : List.of(List.<Integer>of(), everyKind)) {
            for (List<Integer> splits : List.of(List.<Integer>of(), Collections.nCopies(10, 1),
                    Collections.nCopies(10, 40))) {
                splittingChangesNothing(version, ops, splits);
            }
        }
    }

    private void splittingChangesNothing(MqttVersion version, List<Integer> ops, List<Integer> splits)
            throws Exception {
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

    static MqttVersion version(Random r) {
        return Gen.oneOf(r, MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5);
    }

    /** Up to 8 chunks of 1 to 64 random bytes. */
    static List<byte[]> chunks(Random r) {
        return Gen.listOf(r, 0, 8, x -> Gen.bytes(x, 1, 64));
    }

    /** No chunk, one byte, and 8 chunks of 64 zero bytes and of 64 0xFF bytes. */
    static List<List<byte[]>> edgeChunks() {
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        return List.of(List.of(), List.of(new byte[]{0}), List.of(new byte[]{(byte) 0xFF}),
                Collections.nCopies(8, new byte[64]), Collections.nCopies(8, ones));
    }

    /** Packet kinds, see {@link #session}. */
    static List<Integer> sessions(Random r) {
        return Gen.listOf(r, 0, 12, x -> Gen.intIn(x, 0, 9));
    }

    static List<Mutation> mutations(Random r) {
        return Gen.listOf(r, 1, 4, x -> new Mutation(Gen.intIn(x, 0, 4), Gen.intIn(x, 0, 10_000),
                Gen.intIn(x, 0, 255)));
    }

    static List<Integer> splits(Random r) {
        return Gen.listOf(r, 0, 10, x -> Gen.intIn(x, 1, 40));
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
