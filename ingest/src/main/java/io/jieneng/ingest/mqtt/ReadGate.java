package io.jieneng.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The one place that turns a connection's socket reads off and on. Several parties pause reads for their own
 * reasons (authentication in progress, store back-pressure, the device's rate limit, a close in progress, a
 * client that does not read its replies), and
 * reads resume only when none of them holds a pause any more: a rate-limit timer must not undo a back-pressure
 * pause, nor the other way round. Call on the channel's event loop.
 */
public final class ReadGate {

    /** Why reads are paused. */
    public enum Reason { AUTHENTICATION, BACKPRESSURE, RATE_LIMIT, CLOSING, UNREAD_REPLIES }

    private static final AttributeKey<int[]> KEY = AttributeKey.valueOf(ReadGate.class, "pauses");

    private ReadGate() {
    }

    public static void pause(Channel channel, Reason reason) {
        int[] held = held(channel);
        held[0] |= 1 << reason.ordinal();
        channel.config().setAutoRead(false);
    }

    public static void resume(Channel channel, Reason reason) {
        int[] held = held(channel);
        held[0] &= ~(1 << reason.ordinal());
        if (held[0] == 0 && channel.isOpen()) {
            channel.config().setAutoRead(true);
        }
    }

    public static boolean isPaused(Channel channel, Reason reason) {
        return (held(channel)[0] & 1 << reason.ordinal()) != 0;
    }

    private static int[] held(Channel channel) {
        int[] held = channel.attr(KEY).get();
        if (held == null) {
            held = new int[1];
            channel.attr(KEY).set(held);
        }
        return held;
    }
}
