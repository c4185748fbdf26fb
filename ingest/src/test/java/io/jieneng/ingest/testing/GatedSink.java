package io.jieneng.ingest.testing;

import io.jieneng.devices.reading.Reading;
import io.jieneng.store.ReadingSink;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a real sink; while closed, writes wait at the gate, as if the store were slow. */
public final class GatedSink implements ReadingSink {

    private final ReadingSink delegate;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public GatedSink(ReadingSink delegate) {
        this.delegate = delegate;
    }

    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    public void openGate() {
        gate.countDown();
    }

    /** Writes waiting at the gate right now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public void write(List<Reading> batch) throws Exception {
        waiting.incrementAndGet();
        try {
            gate.await();
        } finally {
            waiting.decrementAndGet();
        }
        delegate.write(batch);
    }

    @Override
    public boolean isReachable() {
        return delegate.isReachable();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
