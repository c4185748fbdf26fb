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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

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

    @Property(tries = 300)
    void aPubackKeepsItsReasonStringOnlyWhenItFits(@ForAll @StringLength(max = 300) String reason,
                                                   @ForAll @IntRange(min = 4, max = 1200) int clientMax) {
        MqttMessage full = Replies.pubAck(9, (byte) 0x99, reason, Replies.UNLIMITED);
        MqttMessage sized = Replies.pubAck(9, (byte) 0x99, reason, clientMax);
        boolean kept = hasReasonString(((MqttPubReplyMessageVariableHeader) sized.variableHeader()).properties());
        assertThat(kept).isEqualTo(encodedSize(full) <= clientMax);
        if (kept) {
            assertThat(encodedSize(sized)).isLessThanOrEqualTo(clientMax);
        }
    }

    @Property(tries = 300)
    void aDisconnectKeepsItsReasonStringOnlyWhenItFits(@ForAll @StringLength(max = 300) String reason,
                                                       @ForAll @IntRange(min = 2, max = 1200) int clientMax) {
        MqttMessage full = Replies.disconnect((byte) 0x81, reason, Replies.UNLIMITED);
        MqttMessage sized = Replies.disconnect((byte) 0x81, reason, clientMax);
        boolean kept = hasReasonString(
                ((MqttReasonCodeAndPropertiesVariableHeader) sized.variableHeader()).properties());
        assertThat(kept).isEqualTo(encodedSize(full) <= clientMax);
    }
}
