package io.jieneng.ingest.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client end of an EmbeddedChannel: packets are encoded to bytes by a real MqttEncoder, fed to the server
 * pipeline, and the server's bytes are decoded by a real MqttDecoder, so the test sees what a device would.
 */
final class MqttWire {

    final EmbeddedChannel server;
    private final EmbeddedChannel client = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE);

    MqttWire(EmbeddedChannel server) {
        this.server = server;
    }

    void send(MqttMessage message) {
        client.writeOutbound(message);
        ByteBuf bytes;
        while ((bytes = client.readOutbound()) != null) {
            server.writeInbound(bytes);
        }
        server.runPendingTasks();
    }

    void sendRaw(byte[] bytes) {
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
        server.runPendingTasks();
    }

    /** Everything the server sent so far, decoded. */
    List<MqttMessage> received() {
        server.runPendingTasks();
        ByteBuf bytes;
        while ((bytes = server.readOutbound()) != null) {
            client.writeInbound(bytes);
        }
        List<MqttMessage> out = new ArrayList<>();
        MqttMessage m;
        while ((m = client.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    MqttMessage receiveOne() {
        List<MqttMessage> all = received();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    void advance(long seconds) {
        server.advanceTimeBy(seconds, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
        server.runPendingTasks();
    }

    boolean isOpen() {
        server.runPendingTasks();
        return server.isOpen();
    }

    // --- packets a device sends ---

    static MqttMessage connect(MqttVersion version, String user, String password, int keepAlive) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(version)
                .clientId("client-" + user).cleanSession(true).keepAlive(keepAlive);
        if (user != null) {
            b.hasUser(true).username(user);
        }
        if (password != null) {
            b.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    static MqttMessage publish(String topic, int qos, int packetId, String payload) {
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
                .retained(false).payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    /** CONNECTs and asserts the CONNACK accepted it. */
    MqttWire connected(MqttVersion version, String user, String password) {
        send(connect(version, user, password, 60));
        MqttConnAckMessage ack = (MqttConnAckMessage) receiveOne();
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isZero();
        return this;
    }

    static int reasonOf(MqttMessage reply) {
        return ((MqttPubReplyMessageVariableHeader) reply.variableHeader()).reasonCode() & 0xff;
    }

    static int packetIdOf(MqttMessage reply) {
        return ((io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader) reply.variableHeader()).messageId();
    }

    static MqttMessageType typeOf(MqttMessage m) {
        return m.fixedHeader().messageType();
    }
}
