package io.jieneng.ingest.mqtt;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.pipeline.PressureSource;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops reading the sockets that submit work while any queue behind Netty is above its high watermark, and
 * resumes them once every queue fell back to its low watermark. Nothing is dropped: unread bytes wait in the
 * kernel and then in the client, which holds its unacknowledged messages.
 */
public final class Backpressure {

    private final List<PressureSource> sources;
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();

    public Backpressure(List<PressureSource> sources, IngestMetrics metrics) {
        this.sources = List.copyOf(sources);
        this.sources.forEach(s -> s.onRelief(this::resumeAll));
        metrics.gauge(IngestMetrics.PAUSED_CHANNELS, "Connections whose reads are paused", paused::size);
    }

    /** Pauses reads on {@code channel} if any queue is high. Call on the channel's event loop after a submit. */
    public void pauseIfNeeded(Channel channel) {
        if (!anyHigh() || !paused.add(channel)) {
            return;
        }
        ReadGate.pause(channel, ReadGate.Reason.BACKPRESSURE);
        channel.closeFuture().addListener(f -> paused.remove(channel));
        // The queues may have drained between the check and the pause; then nobody else would resume it.
        if (!anyHigh()) {
            resumeAll();
        }
    }

    /** True while {@code channel} is paused by back-pressure (its keepalive must not count the silence). */
    public boolean isPaused(Channel channel) {
        return paused.contains(channel);
    }

    public int pausedCount() {
        return paused.size();
    }

    private boolean anyHigh() {
        for (PressureSource s : sources) {
            if (s.isHigh()) {
                return true;
            }
        }
        return false;
    }

    private void resumeAll() {
        if (anyHigh()) {
            return;
        }
        for (Channel channel : paused) {
            if (paused.remove(channel)) {
                channel.eventLoop().execute(() -> {
                    // Paused again in the meantime: that newer pause wins.
                    if (!paused.contains(channel)) {
                        ReadGate.resume(channel, ReadGate.Reason.BACKPRESSURE);
                    }
                });
            }
        }
    }
}
