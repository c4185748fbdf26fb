package io.jieneng.ingest.mqtt.limit;

import io.jieneng.ingest.mqtt.ReadGate;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Slows a connection whose device is over its rate: its socket is not read until the device's bucket is out of
 * debt. Unread bytes wait in the kernel and then in the device, so nothing is lost; TCP flow control does the
 * rest. One per channel; used on its event loop.
 */
public final class ReadThrottle {

    private final Channel channel;
    private ScheduledFuture<?> resume;

    public ReadThrottle(Channel channel) {
        this.channel = channel;
    }

    /**
     * Stops reading for {@code nanos}. A later call replaces an earlier pause, because it was computed from the
     * device's debt including the earlier message.
     */
    public void pauseFor(long nanos) {
        if (resume != null) {
            resume.cancel(false);
        }
        ReadGate.pause(channel, ReadGate.Reason.RATE_LIMIT);
        resume = channel.eventLoop().schedule(() -> {
            resume = null;
            ReadGate.resume(channel, ReadGate.Reason.RATE_LIMIT);
        }, nanos, TimeUnit.NANOSECONDS);
    }
}
