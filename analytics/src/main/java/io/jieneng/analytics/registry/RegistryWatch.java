package io.jieneng.analytics.registry;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryStore;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a registry snapshot in step with the registry database that several processes share: polls
 * {@link RegistryStore#changeStamp()} (one row) and reloads the whole snapshot only when the stamp moved.
 *
 * <p>The stamp is read before the snapshot: a change committed between the two reads is then in the snapshot
 * already, or moves the stamp again for the next poll; either way none is missed. Reloads are serialized, so a
 * poll and an import's reload never publish an older snapshot over a newer one.
 */
public final class RegistryWatch implements AutoCloseable {

    /** Poll bounds: fast enough to apply a change within 5 s, slow enough not to load the database. */
    public static final int MIN_POLL_MS = 100;
    public static final int MAX_POLL_MS = 4_000;

    private static final Logger LOG = Logger.getLogger(RegistryWatch.class);

    private final RegistryStore store;
    private final Consumer<Registry> publish;
    private final ScheduledExecutorService poller;
    private long seenStamp;
    private Registry snapshot;
    private boolean failing;

    private RegistryWatch(RegistryStore store, Consumer<Registry> publish) {
        this.store = store;
        this.publish = publish;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registry-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the snapshot now and then polls every {@code pollMs}; {@code publish} receives every later snapshot.
     *
     * @throws IllegalArgumentException when {@code pollMs} is outside {@value #MIN_POLL_MS}–{@value #MAX_POLL_MS}
     */
    public static RegistryWatch start(RegistryStore store, int pollMs, Consumer<Registry> publish) {
        if (pollMs < MIN_POLL_MS || pollMs > MAX_POLL_MS) {
            throw new IllegalArgumentException("JIENENG_REGISTRY_POLL_MS (jieneng.registry-poll-ms) must be "
                    + MIN_POLL_MS + " to " + MAX_POLL_MS + " ms, so that a registry change applies within 5 s; was "
                    + pollMs);
        }
        RegistryWatch watch = new RegistryWatch(store, publish);
        synchronized (watch) {
            watch.seenStamp = store.changeStamp();
            watch.snapshot = store.load();
        }
        watch.poller.scheduleWithFixedDelay(watch::poll, pollMs, pollMs, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** The latest snapshot loaded. */
    public synchronized Registry snapshot() {
        return snapshot;
    }

    /** Reloads and publishes now, whatever the stamp says (after this process's own import). */
    public synchronized void reload() {
        long stamp = store.changeStamp();
        snapshot = store.load();
        seenStamp = stamp;
        publish.accept(snapshot);
    }

    private synchronized void poll() {
        try {
            long stamp = store.changeStamp();
            if (failing) {
                LOG.info("registry watch: the registry database answers again");
                failing = false;
            }
            if (stamp != seenStamp) {
                // The stamp counts as seen only once its snapshot is loaded: a failed load is retried next poll.
                snapshot = store.load();
                seenStamp = stamp;
                publish.accept(snapshot);
                LOG.debugf("registry watch: change stamp %d, snapshot reloaded", stamp);
            }
        } catch (RuntimeException e) {
            // Keep serving the last snapshot; a database outage must not end the polling.
            if (!failing) {
                LOG.warnf("registry watch: cannot poll the registry database, keeping the current snapshot: %s",
                        e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
