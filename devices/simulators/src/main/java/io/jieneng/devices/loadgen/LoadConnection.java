package io.jieneng.devices.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
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
import io.netty.util.ReferenceCountUtil;

import java.util.Locale;

/**
 * One simulated meter on one MQTT connection: CONNECT, then PUBLISH while the window has room, PUBACK or
 * PUBREC/PUBREL/PUBCOMP, PINGREQ when idle. Every method runs on the connection's event loop.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {

    private enum State { CONNECTING, CONNECTED, CLOSED }

    private static final MqttMessage PINGREQ = new MqttMessage(
            new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
    static final MqttMessage DISCONNECT = new MqttMessage(
            new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0));
    private static final int RECEIVE_MAXIMUM = MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value();
    private static final int REASON_STRING = MqttProperties.MqttPropertyType.REASON_STRING.value();

    private final int index;
    private final MeterLogin login;
    private final LoopDriver driver;
    private final LoadGenOptions options;
    private final LoadStats stats;
    private final PublishFrame publishFrame;
    private final InFlightWindow window;
    private final TsClock clock;
    private final MeterSeries series;
    private final Runnable settled;
    private State state = State.CONNECTING;
    private boolean hasSettled;
    private long connectSentNanos;
    private Channel channel;
    private boolean needsFlush;
    private long lastWriteNanos;

    /** @param settled called once when the connection attempt ends: CONNACK, refusal, failure or timeout */
    LoadConnection(int index, MeterLogin login, LoopDriver driver, LoadGenOptions options, LoadStats stats,
                   Runnable settled) {
        this.index = index;
        this.login = login;
        this.driver = driver;
        this.options = options;
        this.stats = stats;
        this.settled = settled;
        this.publishFrame = options.idle() ? null : new PublishFrame(login.topic(), options.qos(),
                options.mqttVersion(), driver.payload().messageBytes());
        // An idle connection never publishes: it keeps only what a connection needs, so 20,000 of them stay small.
        this.window = options.idle() || options.qos() == 0 ? null : new InFlightWindow(options.maxInFlight());
        this.clock = options.idle() ? null : new TsClock(
                System.currentTimeMillis() - options.tsBacklogSeconds() * 1000L, options.tsStepMillis());
        this.series = options.idle() ? null : new MeterSeries(options.meterOffset() + index);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(options.mqttVersion() == 5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
                .clientId(login.meterId())
                .cleanSession(true)
                .keepAlive(options.keepAliveSeconds());
        if (login.username() != null) {
            connect.hasUser(true).username(login.username()).hasPassword(true).password(login.password());
        }
        connectSentNanos = System.nanoTime();
        ctx.writeAndFlush(connect.build(), ctx.voidPromise());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MqttMessage m)) {
                return;
            }
            if (m.decoderResult().isFailure()) {
                stats.errors.add("decode_error", m.decoderResult().cause().toString());
                ctx.close();
                return;
            }
            switch (m.fixedHeader().messageType()) {
                case CONNACK -> onConnAck((MqttConnAckMessage) m);
                case PUBACK -> onFinalAck(packetId(m), reasonCode(m), "puback", reasonString(m));
                case PUBREC -> onPubRec(m);
                case PUBCOMP -> onFinalAck(packetId(m), reasonCode(m), "pubcomp", reasonString(m));
                case PINGRESP -> { }
                case DISCONNECT -> onServerDisconnect(m);
                default -> stats.errors.add("unexpected_"
                        + m.fixedHeader().messageType().name().toLowerCase(Locale.ROOT));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushIfNeeded();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && driver.sendingAsFastAsPossible()) {
            fill();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.CONNECTED) {
            stats.closed();
            if (!driver.stopping()) {
                stats.errors.add("disconnected");
            }
            if (window != null && window.inFlight() > 0) {
                // Their acknowledgements can no longer come: the connection's session ended with it.
                stats.errors.add("unacknowledged_at_close", window.inFlight());
                stats.outstanding.add(-window.inFlight());
            }
        } else if (state == State.CONNECTING) {
            stats.errors.add("closed_before_connack");
        }
        state = State.CLOSED;
        settle();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!driver.stopping()) {
            stats.errors.add("io_error", cause.toString());
        }
        ctx.close();
    }

    /** Sends one message if the window, the socket and the timestamp clock allow; true when it did. */
    boolean trySend(long nowNanos, long nowMillis) {
        if (state != State.CONNECTED || !channel.isWritable() || (window != null && !window.hasRoom())) {
            return false;
        }
        long firstTs = clock.reserve(driver.payload().readingsPerMessage(), nowMillis);
        if (firstTs < 0) {
            stats.tsClockWaits.increment();
            return false;
        }
        int packetId = 0;
        if (window != null) {
            packetId = window.acquire(nowNanos);
            stats.outstanding.increment();
        }
        ByteBuf packet = channel.alloc().ioBuffer(publishFrame.packetBytes());
        publishFrame.writeHead(packet, packetId);
        driver.payload().write(packet, series, firstTs, clock.stepMillis());
        channel.write(packet, channel.voidPromise());
        lastWriteNanos = nowNanos;
        needsFlush = true;
        stats.sent.increment();
        if (window == null) {
            stats.completed.increment();
            stats.completedReadings.add(driver.payload().readingsPerMessage());
        }
        return true;
    }

    /** Sends until the window or the socket is full. */
    void fill() {
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        // Bounded: QoS 0 has no window, so stop at the socket's high-water mark or a generous burst.
        int burst = window == null ? options.maxInFlight() : window.limit();
        for (int i = 0; i < burst && trySend(nanos, millis); i++) {
            // keep sending
        }
        flushIfNeeded();
    }

    void flushIfNeeded() {
        if (needsFlush) {
            needsFlush = false;
            channel.flush();
        }
    }

    /**
     * Counts messages and CONNECTs that waited longer than the acknowledgement timeout, and sends a PINGREQ when
     * nothing was sent for a keepalive interval. (Netty's IdleStateHandler would do the latter at the price of a
     * promise and a listener for every PUBLISH.)
     */
    void sweep(long nowNanos) {
        // The sweep runs every second, so pinging one second early keeps within the keepalive.
        long pingAfterNanos = (options.keepAliveSeconds() - 1) * 1_000_000_000L;
        if (state == State.CONNECTED && nowNanos - lastWriteNanos >= pingAfterNanos) {
            lastWriteNanos = nowNanos;
            channel.writeAndFlush(PINGREQ, channel.voidPromise());
        }
        long timeoutNanos = options.ackTimeoutSeconds() * 1_000_000_000L;
        if (state == State.CONNECTING && connectSentNanos != 0 && nowNanos - connectSentNanos > timeoutNanos) {
            stats.errors.add("connack_timeout");
            settle();
            channel.close();
        } else if (state == State.CONNECTED && window != null) {
            stats.errors.add("ack_timeout", window.markTimedOut(nowNanos - timeoutNanos));
        }
    }

    boolean isConnected() {
        return state == State.CONNECTED;
    }

    int index() {
        return index;
    }

    private void onConnAck(MqttConnAckMessage ack) {
        MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            stats.errors.add(ErrorCounts.withCode("connect_refused", code.byteValue()),
                    reasonString(ack.variableHeader().properties()));
            state = State.CLOSED;
            settle();
            channel.close();
            return;
        }
        if (window != null && ack.variableHeader().properties().getProperty(RECEIVE_MAXIMUM)
                instanceof MqttProperties.IntegerProperty max) {
            window.limitTo(max.value());
        }
        state = State.CONNECTED;
        lastWriteNanos = System.nanoTime();
        stats.opened();
        settle();
        if (driver.sendingAsFastAsPossible()) {
            fill();
        }
    }

    private void onPubRec(MqttMessage m) {
        int id = packetId(m);
        int reason = reasonCode(m);
        if (reason >= 0x80) {
            // A refused QoS 2 message ends at the PUBREC (MQTT 5 §4.3.3).
            onFinalAck(id, reason, "pubrec", reasonString(m));
            return;
        }
        if (window == null || !window.markReleased(id)) {
            stats.errors.add("unexpected_pubrec");
            return;
        }
        MqttMessage pubRel = new MqttMessage(
                new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(id));
        channel.write(pubRel, channel.voidPromise());
        needsFlush = true;
    }

    private void onFinalAck(int packetId, int reason, String kind, String reasonString) {
        long sentNanos = window == null ? -1 : window.complete(packetId);
        if (sentNanos < 0) {
            stats.errors.add("unexpected_" + kind);
            return;
        }
        stats.outstanding.decrement();
        if (reason >= 0x80) {
            stats.errors.add(ErrorCounts.withCode(kind, reason), reasonString);
        } else {
            stats.latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentNanos) / 1000));
            stats.completed.increment();
            stats.completedReadings.add(driver.payload().readingsPerMessage());
        }
        if (driver.sendingAsFastAsPossible()) {
            trySend(System.nanoTime(), System.currentTimeMillis());
        }
    }

    private void onServerDisconnect(MqttMessage m) {
        if (m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h) {
            stats.errors.add(ErrorCounts.withCode("server_disconnect", h.reasonCode()), reasonString(h.properties()));
        } else {
            stats.errors.add("server_disconnect");
        }
    }

    private void settle() {
        if (!hasSettled) {
            hasSettled = true;
            settled.run();
        }
    }

    /** The MQTT 5 reason string of a reply, or {@code null}. */
    private static String reasonString(MqttMessage m) {
        return m.variableHeader() instanceof MqttPubReplyMessageVariableHeader h ? reasonString(h.properties())
                : null;
    }

    private static String reasonString(MqttProperties properties) {
        return properties != null && properties.getProperty(REASON_STRING) instanceof MqttProperties.StringProperty s
                ? s.value() : null;
    }

    private static int packetId(MqttMessage m) {
        return m.variableHeader() instanceof MqttMessageIdVariableHeader h ? h.messageId() : 0;
    }

    /** The MQTT 5 reason code of a PUBACK, PUBREC or PUBCOMP; 0 (success) in MQTT 3.1.1. */
    private static int reasonCode(MqttMessage m) {
        return m.variableHeader() instanceof MqttPubReplyMessageVariableHeader h ? h.reasonCode() & 0xff : 0;
    }
}
