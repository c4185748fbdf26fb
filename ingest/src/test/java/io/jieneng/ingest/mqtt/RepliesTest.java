package io.jieneng.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reason strings are dropped exactly when the client's Maximum Packet Size could not take them. */
class RepliesTest {

    static int encodedSize(MqttMessage m) {
        EmbeddedChannel ch = new EmbeddedChannel(MqttEncoder.INSTANCE);
        // The encoder writes MQTT 5 fields once the decoder has seen an MQTT 5 CONNECT on the channel.
        ch.attr(AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION")).set(MqttVersion.MQTT_5);
        ch.writeOutbound(m);
        int size = 0;
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            size += b.readableBytes();
            b.release();
        }
        return size;
    }

    static boolean hasReasonString(MqttProperties props) {
        return props.getProperty(MqttProperties.MqttPropertyType.REASON_STRING.value()) != null;
    }

    /**
     * Up to 300 characters of one to four UTF-8 bytes each, control characters among them. Well-formed text only:
     * MQTT 5 §1.5.4 forbids a lone surrogate in a UTF-8 string, and Netty and the JDK write one differently.
     */
    static String reason(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int n = Gen.intIn(r, 0, 300); sb.length() < n; ) {
            switch (r.nextInt(5)) {
                case 0 -> sb.append((char) Gen.intIn(r, 0x20, 0x7E));
                case 1 -> sb.append((char) Gen.intIn(r, 0x80, 0x7FF));
                case 2 -> sb.append((char) Gen.intIn(r, 0x4E00, 0x9FFF));
                case 3 -> sb.appendCodePoint(Gen.intIn(r, 0x1F300, 0x1F6FF));
                default -> sb.append((char) Gen.intIn(r, 0, 0x1F));
            }
        }
        return sb.toString();
    }

    /** No reason, one byte, and 300 characters of each UTF-8 length. */
    static final String[] EDGE_REASONS = {"", "x", "x".repeat(300), "é".repeat(300), "密".repeat(300),
            "😀".repeat(150), "\u0000".repeat(300)};

    @Test
    void aPubackKeepsItsReasonStringOnlyWhenItFits() {
        Property.check(r -> pubackKeepsItsReasonOnlyWhenItFits(reason(r), Gen.intIn(r, 4, 1200)));
    }

    /** The smallest and largest maximum, and the maximum just below, at and above the packet's size. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void aPubackKeepsItsReasonStringOnlyWhenItFits_edges(int reason) {
        String text = EDGE_REASONS[reason];
        int size = encodedSize(Replies.pubAck(9, (byte) 0x99, text, Replies.UNLIMITED));
        for (int clientMax : new int[]{4, 1200, size - 1, size, size + 1}) {
            pubackKeepsItsReasonOnlyWhenItFits(text, Math.max(4, clientMax));
        }
    }

    private static void pubackKeepsItsReasonOnlyWhenItFits(String reason, int clientMax) {
        MqttMessage full = Replies.pubAck(9, (byte) 0x99, reason, Replies.UNLIMITED);
        MqttMessage sized = Replies.pubAck(9, (byte) 0x99, reason, clientMax);
        boolean kept = hasReasonString(((MqttPubReplyMessageVariableHeader) sized.variableHeader()).properties());
        assertThat(kept).isEqualTo(encodedSize(full) <= clientMax);
        if (kept) {
            assertThat(encodedSize(sized)).isLessThanOrEqualTo(clientMax);
        }
    }

    @Test
    void aDisconnectKeepsItsReasonStringOnlyWhenItFits() {
        Property.check(r -> disconnectKeepsItsReasonOnlyWhenItFits(reason(r), Gen.intIn(r, 2, 1200)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void aDisconnectKeepsItsReasonStringOnlyWhenItFits_edges(int reason) {
        String text = EDGE_REASONS[reason];
        int size = encodedSize(Replies.disconnect((byte) 0x81, text, Replies.UNLIMITED));
        for (int clientMax : new int[]{2, 1200, size - 1, size, size + 1}) {
            disconnectKeepsItsReasonOnlyWhenItFits(text, Math.max(2, clientMax));
        }
    }

    private static void disconnectKeepsItsReasonOnlyWhenItFits(String reason, int clientMax) {
        MqttMessage full = Replies.disconnect((byte) 0x81, reason, Replies.UNLIMITED);
        MqttMessage sized = Replies.disconnect((byte) 0x81, reason, clientMax);
        boolean kept = hasReasonString(
                ((MqttReasonCodeAndPropertiesVariableHeader) sized.variableHeader()).properties());
        assertThat(kept).isEqualTo(encodedSize(full) <= clientMax);
    }
}
