package io.jieneng.ingest.pipeline;

import io.jieneng.devices.reading.Reading;
import io.jieneng.store.ReadingSink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink for unit tests that records each batch it accepted. It can be held (writes block until released) and
 * made to fail, to act out a slow or a dead store.
 */
public final class RecordingSink implements ReadingSink {

    private final List<List<Reading>> batches = new ArrayList<>();
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean held;

    /** Blocks every write until {@link #release()}. */
    public void hold() {
        gate.drainPermits();
        held = true;
    }

    public void release() {
        held = false;
        gate.release(Integer.MAX_VALUE / 2);
    }

    /** Makes the next {@code n} writes throw. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    public int attempts() {
        return attempts.get();
    }

    public synchronized List<List<Reading>> batches() {
        return List.copyOf(batches);
    }

    public synchronized List<Reading> all() {
        return batches.stream().flatMap(List::stream).toList();
    }

    @Override
    public void write(List<Reading> batch) throws Exception {
        attempts.incrementAndGet();
        if (held) {
            gate.acquire();
            gate.release();
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new java.io.IOException("store down (test)");
        }
        synchronized (this) {
            batches.add(new ArrayList<>(batch));
        }
    }

    @Override
    public boolean isReachable() {
        return failuresLeft.get() == 0;
    }

    @Override
    public void close() {
    }
}
