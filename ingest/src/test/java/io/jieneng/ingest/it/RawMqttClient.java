package io.jieneng.ingest.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An MQTT client over a plain socket that sends exactly the packets (or bytes) a test gives it, encoded by
 * netty's MqttEncoder, and decodes what comes back. For what Paho and Mosquitto never do: drop a connection after
 * a PUBREC, resend with DUP, send malformed bytes.
 */
final class RawMqttClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE);
    private final ArrayDeque<MqttMessage> received = new ArrayDeque<>();
    private boolean eof;

    RawMqttClient(int port) throws IOException {
        this(port, InetAddress.getLoopbackAddress());
    }

    /** Connects from {@code source} (any 127.x address on Linux), to test per-address limits. */
    RawMqttClient(int port, InetAddress source) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(MqttMessage message) throws IOException {
        codec.writeOutbound(message);
        ByteBuf b;
        while ((b = codec.readOutbound()) != null) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.write(bytes);
        }
        out.flush();
    }

    /** Decodes the server's packets as {@code version}: needed when the CONNECT went out as raw bytes. */
    void expect(MqttVersion version) {
        codec.attr(AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION")).set(version);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet from the server; {@code null} when it closed the connection first. */
    MqttMessage read(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.isEmpty() && !eof) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no packet within " + timeout);
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            byte[] buf = new byte[4096];
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                eof = true;
            } else {
                codec.writeInbound(Unpooled.wrappedBuffer(buf, 0, n));
                MqttMessage m;
                while ((m = codec.readInbound()) != null) {
                    received.add(m);
                }
            }
        }
        return received.poll();
    }

    /** Everything the server sends until it closes the connection; fails if it stays open past {@code timeout}. */
    List<MqttMessage> untilClosed(Duration timeout) throws IOException {
        List<MqttMessage> all = new ArrayList<>();
        MqttMessage m;
        while ((m = read(timeout)) != null) {
            all.add(m);
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        codec.finishAndReleaseAll();
    }
}
