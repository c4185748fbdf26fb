package io.jieneng.ingest.pipeline;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.store.ReadingSink;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stands between the event loops and the store: messages from all connections queue here, and writer threads (one
 * per sink, usually one) take them in batches of up to {@code maxReadings} readings or {@code maxDelay}, write each
 * batch, then complete every message of it. A message's completion runs only after the sink returned, so an
 * acknowledgement always means durable. A transiently failed write is retried whole, with capped backoff, for as
 * long as it takes: nothing is dropped and nothing is acknowledged meanwhile; the watermarks make the sockets stop
 * reading instead. A batch the store refuses for its content is split ({@link RefusedReadings}): the readings the
 * store refuses alone go to the quarantine, and a message is acknowledged once each of its readings is either
 * stored or quarantined. With several writers, batches are written concurrently and complete in any order; each message is in
 * exactly one batch.
 */
public final class BatchWriter implements PressureSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * @param maxReadings readings per write; one message is never split, so a batch holds at least one message
     * @param maxDelay    how long a batch waits for more messages after its first one
     * @param maxPending  readings queued or being written above which sources should pause
     */
    public record Settings(int maxReadings, Duration maxDelay, long maxPending, Backoff backoff) {
    }

    /** One message's readings and what to do once they are durable. */
    record Pending(List<Reading> readings, Runnable onDurable) {
    }

    /** Without a quarantine (unit tests): a refused reading leaves its message unacknowledged, for a resend. */
    private static final RefusedReadings.Handler NO_QUARANTINE = (reading, message) ->
            CompletableFuture.failedFuture(new IllegalStateException("no quarantine for a refused reading"));

    private final Settings settings;
    private final IngestMetrics metrics;
    private final RefusedReadings.Handler refusals;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Watermarks watermarks;
    private final List<Lane> lanes = new ArrayList<>();
    private volatile boolean closing;
    private volatile boolean abandoned;

    public BatchWriter(ReadingSink sink, Settings settings, IngestMetrics metrics) {
        this(List.of(sink), settings, metrics, NO_QUARANTINE);
    }

    /** Several writers without a quarantine (unit tests). */
    public BatchWriter(List<ReadingSink> sinks, Settings settings, IngestMetrics metrics) {
        this(sinks, settings, metrics, NO_QUARANTINE);
    }

    /**
     * @param sinks    one writer thread per sink; a sink is only ever used by its own thread
     * @param refusals takes each reading the store refused on its own
     */
    public BatchWriter(List<ReadingSink> sinks, Settings settings, IngestMetrics metrics,
                       RefusedReadings.Handler refusals) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("at least one sink is needed");
        }
        this.settings = settings;
        this.metrics = metrics;
        this.refusals = refusals;
        this.watermarks = new Watermarks(settings.maxPending(), settings.maxPending() / 2);
        for (int i = 0; i < sinks.size(); i++) {
            lanes.add(new Lane(sinks.get(i), sinks.size() == 1 ? "jieneng-ingest-writer"
                    : "jieneng-ingest-writer-" + (i + 1)));
        }
        metrics.gauge(IngestMetrics.PENDING_READINGS, "Readings queued or being written", watermarks::pending);
        metrics.gauge(IngestMetrics.QUEUE_DEPTH, "Messages waiting for the writer", queue::size);
    }

    public void start() {
        lanes.forEach(l -> l.thread.start());
    }

    /**
     * Queues one message. Never blocks. Returns true when the caller should stop reading its socket until
     * {@link #onRelief relief}.
     *
     * @param onDurable runs on a writer thread once the readings are durable; it must only hand work off
     */
    public boolean submit(List<Reading> readings, Runnable onDurable) {
        if (closing) {
            throw new IllegalStateException("the writer is closing");
        }
        boolean high = watermarks.add(readings.size());
        queue.add(new Pending(List.copyOf(readings), onDurable));
        return high;
    }

    public long pendingReadings() {
        return watermarks.pending();
    }

    @Override
    public boolean isHigh() {
        return watermarks.isHigh();
    }

    @Override
    public void onRelief(Runnable listener) {
        watermarks.onRelief(listener);
    }

    /** The first writer's next batch (tests drive a writer that was not started). */
    List<Pending> nextBatch(long firstWaitNanos) throws InterruptedException {
        return lanes.get(0).nextBatch(firstWaitNanos);
    }

    /** One write attempt by the first writer (tests). */
    boolean writeOnce(List<Pending> batch) {
        return lanes.get(0).writeOnce(batch);
    }

    /** Stops taking messages and writes what is queued, waiting at most {@code drainTimeout} in all. */
    public void close(Duration drainTimeout) {
        closing = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            for (Lane lane : lanes) {
                if (lane.thread.isAlive()) {
                    lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
            if (lanes.stream().anyMatch(l -> l.thread.isAlive())) {
                // The store is down: what is still queued was never acknowledged, so devices will resend it.
                LOG.warnf("Store unreachable at shutdown; %d unacknowledged readings not written",
                        watermarks.pending());
                abandoned = true;
                for (Lane lane : lanes) {
                    lane.thread.interrupt();
                    lane.thread.join(TimeUnit.SECONDS.toMillis(5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** One writer thread with its own sink and its own message carried over to its next batch. */
    private final class Lane {

        private final ReadingSink sink;
        private final Thread thread;
        private Pending carry;

        Lane(ReadingSink sink, String name) {
            this.sink = sink;
            this.thread = new Thread(this::run, name);
            // A write stuck in a dead store must not keep the JVM alive: its messages were never acknowledged.
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                while (!(closing && queue.isEmpty() && carry == null)) {
                    List<Pending> batch = nextBatch(closing ? 0 : IDLE_POLL_NANOS);
                    Duration pause = settings.backoff().initial();
                    while (!batch.isEmpty() && !writeOnce(batch)) {
                        if (abandoned) {
                            return;
                        }
                        LockSupport.parkNanos(pause.toNanos());
                        pause = settings.backoff().next(pause);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Takes the next batch: waits up to {@code firstWaitNanos} for a first message, then up to maxDelay. */
        List<Pending> nextBatch(long firstWaitNanos) throws InterruptedException {
            List<Pending> batch = new ArrayList<>();
            Pending first = carry != null ? carry : queue.poll(firstWaitNanos, TimeUnit.NANOSECONDS);
            carry = null;
            if (first == null) {
                return batch;
            }
            batch.add(first);
            int count = first.readings().size();
            long deadline = System.nanoTime() + settings.maxDelay().toNanos();
            while (count < settings.maxReadings()) {
                long left = closing ? 0 : deadline - System.nanoTime();
                Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                if (next == null) {
                    break;
                }
                if (count + next.readings().size() > settings.maxReadings()) {
                    carry = next;
                    break;
                }
                batch.add(next);
                count += next.readings().size();
            }
            return batch;
        }

        /** One write attempt. On success completes every message of the batch and returns true. */
        boolean writeOnce(List<Pending> batch) {
            List<Reading> readings = new ArrayList<>();
            batch.forEach(p -> readings.addAll(p.readings()));
            long start = System.nanoTime();
            Map<Reading, String> refused;
            try {
                refused = RefusedReadings.write(sink, readings);
            } catch (Exception e) {
                metrics.writeFailed();
                LOG.warnf("Store write of %d readings failed; retrying, nothing is acknowledged meanwhile: %s",
                        readings.size(), e.toString());
                return false;
            }
            metrics.write().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.batchSize().record(readings.size());
            for (Pending p : batch) {
                complete(p, refused);
            }
            watermarks.remove(readings.size());
            return true;
        }
    }

    /** Completes {@code p} now, or once its readings the store refused are quarantined. */
    private void complete(Pending p, Map<Reading, String> refused) {
        List<CompletableFuture<?>> quarantined = new ArrayList<>();
        if (!refused.isEmpty()) {
            for (Reading r : p.readings()) {
                String message = refused.get(r);
                if (message != null) {
                    LOG.warnf("The store refused the reading of meter %s at %d; quarantined: %s", r.meterId(),
                            r.tsMillis(), message);
                    quarantined.add(refusals.refused(r, message));
                }
            }
        }
        if (quarantined.isEmpty()) {
            runCompletion(p);
            return;
        }
        CompletableFuture.allOf(quarantined.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            if (error == null) {
                runCompletion(p);
            } else {
                // Not acknowledged: the device or the broker resends the message, nothing is lost.
                LOG.warnf("A refused reading could not be quarantined; its message stays unacknowledged: %s",
                        error.toString());
            }
        });
    }

    private static void runCompletion(Pending p) {
        try {
            p.onDurable().run();
        } catch (RuntimeException e) {
            LOG.error("A completion failed after a durable write", e);
        }
    }
}
