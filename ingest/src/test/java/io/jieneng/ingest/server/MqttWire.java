package io.jieneng.ingest.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client end of an EmbeddedChannel: packets are encoded to bytes by a real MqttEncoder (and, for TLS, a real
 * client SslHandler), fed to the server pipeline, and the server's bytes are decoded by a real MqttDecoder, so
 * the test sees what a device would. Bytes are moved both ways until neither side has anything to say.
 */
final class MqttWire {

    final EmbeddedChannel server;
    final EmbeddedChannel client;

    /** @param tls a client SslContext for the TLS pipeline, or {@code null} for plain TCP */
    MqttWire(EmbeddedChannel server, SslContext tls) {
        this.server = server;
        this.client = tls == null ? new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE)
                : new EmbeddedChannel(tls.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT, "localhost", 8883),
                new MqttDecoder(), MqttEncoder.INSTANCE, new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // A refused handshake ends the client's side too; the test looks at the server.
                        ctx.close();
                    }
                });
        pump();
    }

    void send(MqttMessage message) {
        client.writeOutbound(message);
        pump();
    }

    void sendRaw(byte[] bytes) {
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
        pump();
    }

    /** Moves bytes between the ends until both are quiet. */
    void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            server.runPendingTasks();
            ByteBuf bytes;
            while ((bytes = client.readOutbound()) != null) {
                moved = true;
                if (server.isOpen()) {
                    server.writeInbound(bytes);
                } else {
                    bytes.release();
                }
            }
            server.runPendingTasks();
            while ((bytes = server.readOutbound()) != null) {
                moved = true;
                if (client.isOpen()) {
                    client.writeInbound(bytes);
                } else {
                    bytes.release();
                }
            }
            client.runPendingTasks();
        }
    }

    /** Everything the server sent so far, decoded. */
    List<MqttMessage> received() {
        pump();
        List<MqttMessage> out = new ArrayList<>();
        Object m;
        while ((m = client.readInbound()) != null) {
            if (m instanceof MqttMessage message) {
                out.add(message);
            }
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
        return connectBuilder(version, "client-" + user, user, password, true).keepAlive(keepAlive).build();
    }

    static MqttMessageBuilders.ConnectBuilder connectBuilder(MqttVersion version, String clientId, String user,
                                                            String password, boolean cleanSession) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(version)
                .clientId(clientId).cleanSession(cleanSession).keepAlive(60);
        if (user != null) {
            b.hasUser(true).username(user);
        }
        if (password != null) {
            b.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        return b;
    }

    static MqttMessage publish(String topic, int qos, int packetId, String payload) {
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
                .retained(false).payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    /** A PUBLISH with MQTT 5 properties, e.g. a topic alias. */
    static MqttMessage publish(String topic, int qos, int packetId, String payload, MqttProperties props) {
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
                .retained(false).properties(props).payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8))
                .build();
    }

    static MqttMessage pubrel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    static MqttProperties props(MqttProperties.MqttPropertyType type, int value) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(type.value(), value));
        return p;
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

    /** The reason code of a DISCONNECT. */
    static int disconnectReason(MqttMessage disconnect) {
        assertThat(typeOf(disconnect)).isEqualTo(MqttMessageType.DISCONNECT);
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xff;
    }

    static int packetIdOf(MqttMessage reply) {
        return ((MqttMessageIdVariableHeader) reply.variableHeader()).messageId();
    }

    static MqttMessageType typeOf(MqttMessage m) {
        return m.fixedHeader().messageType();
    }
}
