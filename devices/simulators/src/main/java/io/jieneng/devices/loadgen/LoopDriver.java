package io.jieneng.devices.loadgen;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the connections of one event loop: a paced run sends round-robin what the {@link RatePacer} says is due,
 * every millisecond; a run at maximum rate sends on every acknowledgement and refills windows every 10 ms (after a
 * timestamp-clock wait or a full socket buffer). Once a second it looks for acknowledgement timeouts. Everything
 * but the {@code volatile} flags runs on the loop's thread.
 */
final class LoopDriver {

    private static final long PACED_TICK_MICROS = 1_000;
    private static final long FILL_TICK_MICROS = 10_000;
    // A paced sender that falls further behind than this gives the messages up instead of bursting them later.
    private static final double MAX_BACKLOG_SECONDS = 1.0;

    private final EventLoop loop;
    private final ReadingPayload payload;
    private final LoadStats stats;
    private final List<LoadConnection> connections = new ArrayList<>();
    private final List<LoadConnection> touched = new ArrayList<>();
    private volatile boolean asFastAsPossible;
    private volatile boolean stopping;
    private RatePacer pacer;
    private int cursor;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> sweep;

    LoopDriver(EventLoop loop, ReadingPayload payload, LoadStats stats) {
        this.loop = loop;
        this.payload = payload;
        this.stats = stats;
        sweep = loop.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    EventLoop loop() {
        return loop;
    }

    ReadingPayload payload() {
        return payload;
    }

    boolean sendingAsFastAsPossible() {
        return asFastAsPossible && !stopping;
    }

    boolean stopping() {
        return stopping;
    }

    /** Registers a connection; call on the loop. */
    void add(LoadConnection c) {
        connections.add(c);
    }

    /** The connections that completed CONNECT; call on the loop. */
    int connected() {
        int n = 0;
        for (LoadConnection c : connections) {
            n += c.isConnected() ? 1 : 0;
        }
        return n;
    }

    /**
     * Starts sending; call on the loop.
     *
     * @param rate this loop's share of the target rate, or 0 for as fast as possible
     */
    void start(double rate) {
        if (rate > 0) {
            pacer = new RatePacer(rate, MAX_BACKLOG_SECONDS, System.nanoTime());
            tick = loop.scheduleAtFixedRate(this::paced, 0, PACED_TICK_MICROS, TimeUnit.MICROSECONDS);
        } else {
            asFastAsPossible = true;
            tick = loop.scheduleAtFixedRate(this::fillAll, 0, FILL_TICK_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    /** Stops sending; outstanding acknowledgements are still counted. Any thread. */
    void stop() {
        stopping = true;
        loop.execute(() -> {
            if (tick != null) {
                tick.cancel(false);
            }
        });
    }

    /** Ends the timers; call when the run is over. Any thread. */
    void close() {
        stop();
        loop.execute(() -> sweep.cancel(false));
    }

    private void paced() {
        if (stopping || connections.isEmpty()) {
            return;
        }
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        long due = pacer.due(nanos);
        long sent = 0;
        int n = connections.size();
        int misses = 0;
        while (sent < due && misses < n) {
            LoadConnection c = connections.get(cursor);
            cursor = cursor + 1 == n ? 0 : cursor + 1;
            if (c.trySend(nanos, millis)) {
                sent++;
                misses = 0;
                touched.add(c);
            } else {
                misses++;
            }
        }
        pacer.issued(sent);
        stats.rateShortfall.add(pacer.takeSkipped());
        for (LoadConnection c : touched) {
            c.flushIfNeeded();
        }
        touched.clear();
    }

    private void fillAll() {
        if (stopping) {
            return;
        }
        for (LoadConnection c : connections) {
            c.fill();
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (LoadConnection c : connections) {
            c.sweep(now);
        }
    }
}
