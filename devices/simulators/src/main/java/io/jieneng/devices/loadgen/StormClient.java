package io.jieneng.devices.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * One MQTT 5 CONNECT attempt of the reconnect storm: opens a socket from a given source address, sends CONNECT,
 * and reports how it ended: the CONNACK's reason code with the time from the TCP connect to the CONNACK, or a
 * socket that closed or failed first. An accepted connection stays open (idle, no keepalive) until the run
 * closes it.
 */
final class StormClient {

    /** How an attempt ended. {@code code} is the CONNACK reason code, or {@link #NO_CONNACK}. */
    record Result(int code, long micros, Channel channel) {
    }

    /** The socket closed or failed before a CONNACK. */
    static final int NO_CONNACK = -1;

    private final Bootstrap bootstrap;
    private final InetSocketAddress server;

    StormClient(Bootstrap bootstrap, InetSocketAddress server) {
        this.bootstrap = bootstrap;
        this.server = server;
    }

    /** Starts one attempt; {@code done} runs exactly once, on an event loop. */
    void attempt(InetAddress source, String clientId, String user, byte[] password, Consumer<Result> done) {
        long start = System.nanoTime();
        boolean[] reported = new boolean[1];
        Consumer<Result> once = r -> {
            if (!reported[0]) {
                reported[0] = true;
                done.accept(r);
            }
        };
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(MqttEncoder.INSTANCE, new MqttDecoder(), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                                .clientId(clientId).cleanSession(true).keepAlive(0).hasUser(true).username(user)
                                .hasPassword(true).password(password).build());
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        try {
                            if (msg instanceof MqttConnAckMessage ack) {
                                int code = ack.variableHeader().connectReturnCode().byteValue() & 0xff;
                                once.accept(new Result(code, (System.nanoTime() - start) / 1000, ctx.channel()));
                                if (code != 0) {
                                    ctx.close();
                                }
                            }
                        } finally {
                            ReferenceCountUtil.release(msg);
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        once.accept(new Result(NO_CONNACK, (System.nanoTime() - start) / 1000, ctx.channel()));
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
            }
        });
        ChannelFuture f = source == null ? b.connect(server) : b.connect(server, new InetSocketAddress(source, 0));
        f.addListener(c -> {
            if (!c.isSuccess()) {
                f.channel().eventLoop().execute(() ->
                        once.accept(new Result(NO_CONNACK, (System.nanoTime() - start) / 1000, f.channel())));
            }
        });
    }
}
