package io.jieneng.ingest.quarantine;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.pipeline.Backoff;
import io.jieneng.ingest.pipeline.PressureSource;
import io.jieneng.ingest.pipeline.Watermarks;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes refused messages to the {@link QuarantineStore} on one thread of its own, never on an event loop. A
 * failed insert is retried with capped backoff until it succeeds: the refused message is acknowledged only after
 * its row is committed, so a database outage stops acknowledgements instead of losing the message.
 */
public final class QuarantineWriter implements PressureSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QuarantineWriter.class);

    private final QuarantineStore store;
    private final Backoff backoff;
    private final Watermarks watermarks;
    private final Executor executor;
    private volatile boolean closing;

    /** @param maxPending messages waiting for the database above which sources should pause */
    public QuarantineWriter(QuarantineStore store, Backoff backoff, int maxPending, IngestMetrics metrics) {
        this(store, backoff, maxPending, metrics, new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "jieneng-ingest-quarantine");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /**
     * With the executor that runs the inserts: it must run them one at a time, off any event loop (tests pass a
     * direct executor to stay on their thread). {@link #close} shuts it down when it is an ExecutorService.
     */
    public QuarantineWriter(QuarantineStore store, Backoff backoff, int maxPending, IngestMetrics metrics,
                            Executor executor) {
        this.store = store;
        this.backoff = backoff;
        this.watermarks = new Watermarks(maxPending, maxPending / 2);
        this.executor = executor;
        metrics.gauge(IngestMetrics.QUARANTINE_PENDING, "Refused messages waiting for the quarantine table",
                watermarks::pending);
    }

    /**
     * Queues {@code message}; the future completes with its row id once committed, and fails only when the
     * writer is closed before that. Never blocks.
     */
    public CompletableFuture<Long> submit(RejectedMessage message) {
        watermarks.add(1);
        CompletableFuture<Long> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    done.complete(addWithRetry(message));
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                } finally {
                    watermarks.remove(1);
                }
            });
        } catch (RuntimeException rejected) {
            watermarks.remove(1);
            done.completeExceptionally(new CancellationException("the quarantine writer is closed"));
        }
        return done;
    }

    private long addWithRetry(RejectedMessage message) {
        Duration pause = backoff.initial();
        while (true) {
            try {
                return store.add(message);
            } catch (Exception e) {
                if (closing) {
                    throw new CancellationException("the quarantine writer closed before the database came back");
                }
                LOG.warnf("Quarantine insert failed; retrying, the message stays unacknowledged: %s", e.toString());
                LockSupport.parkNanos(pause.toNanos());
                pause = backoff.next(pause);
            }
        }
    }

    @Override
    public boolean isHigh() {
        return watermarks.isHigh();
    }

    @Override
    public void onRelief(Runnable listener) {
        watermarks.onRelief(listener);
    }

    /** Writes what is queued, waiting at most {@code drainTimeout}, then gives up on the rest. */
    public void close(Duration drainTimeout) {
        if (!(executor instanceof ExecutorService service)) {
            closing = true;
            return;
        }
        service.shutdown();
        try {
            if (!service.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                closing = true;
                service.shutdownNow();
                service.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
