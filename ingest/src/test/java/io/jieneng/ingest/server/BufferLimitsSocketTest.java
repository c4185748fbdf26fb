package io.jieneng.ingest.server;

import io.jieneng.ingest.IngestMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link BufferLimitsTest} over real loopback sockets, against a started IngestServer. */
class BufferLimitsSocketTest {

    static final long FLOOD_LIMIT = 48L << 20;

    LoopbackServer live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    LoopbackServer start(Map<String, String> settings) throws Exception {
        live = new LoopbackServer(settings);
        live.server.start();
        return live;
    }

    static byte[] encode(MqttMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(message);
        ByteBuf bytes = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(bytes);
        } finally {
            bytes.release();
        }
    }

    /** True once the server closed the connection: end of stream or a reset. */
    static boolean closedByServer(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // Whatever the server sent before closing.
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void aRawSocketSending200KiBBeforeConnectIsCutOffAfterTheCap() throws Exception {
        LoopbackServer s = start(Map.of("JIENENG_INGEST_CONNECT_TIMEOUT_SECONDS", "60"));
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            OutputStream out = socket.getOutputStream();
            // One CONNECT of 190 KiB (under the maximum packet size), the first 20 KiB of it: without the cap the
            // server holds them and waits for the rest until the connect timeout.
            out.write(BufferLimitsTest.hugeConnectHeader(190 * 1024));
            out.write(new byte[20 * 1024]);
            assertThat(closedByServer(socket, 5000)).as("closed long before the 60 s connect timeout").isTrue();
            long written = 0;
            try {
                for (int i = 0; i < 180; i++) {
                    out.write(new byte[1024]);
                    written += 1024;
                }
            } catch (IOException reset) {
                // The rest of the 200 KiB meets a closed socket.
            }
            assertThat(written).isLessThan(180 * 1024);
        }
        assertThat(s.counter(IngestMetrics.DISCONNECTS, "reason", "packet_too_large")).isEqualTo(1);
    }

    @Test
    void aClientFloodingPingsWithoutReadingIsClosedAndServerMemoryStaysFlat() throws Exception {
        LoopbackServer s = start(Map.of("JIENENG_INGEST_WRITE_STALL_SECONDS", "1"));
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", s.server.port()));
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(encode(MqttWire.connect(MqttVersion.MQTT_3_1_1, MAIN, secret(MAIN), 0)));
            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00);

            long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            AtomicLong peakDirect = new AtomicLong(directBefore);
            AtomicLong written = new AtomicLong();
            CompletableFuture<Boolean> flood = CompletableFuture.supplyAsync(() -> {
                byte[] pings = new byte[64 * 1024];
                for (int i = 0; i < pings.length; i += 2) {
                    pings[i] = (byte) 0xC0;
                }
                try {
                    while (written.get() < FLOOD_LIMIT) {
                        out.write(pings);
                        written.addAndGet(pings.length);
                        peakDirect.accumulateAndGet(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(),
                                Math::max);
                    }
                    return false;
                } catch (IOException closed) {
                    return true;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!flood.isDone() && System.nanoTime() < deadline) {
                peakDirect.accumulateAndGet(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(), Math::max);
                Thread.sleep(20);
            }
            if (!flood.isDone()) {
                // The writer is blocked on a full socket that the server never closed.
                socket.close();
            }
            assertThat(flood.get(5, TimeUnit.SECONDS)).as("the server closed the flooding socket").isTrue();
            assertThat(written.get()).as("bytes the server let in").isLessThan(24L << 20);
            assertThat(peakDirect.get() - directBefore).as("server direct memory growth").isLessThan(16L << 20);
        }
        assertThat(s.counter(IngestMetrics.WRITE_STALLED, null, null)).isEqualTo(1);
    }
}
