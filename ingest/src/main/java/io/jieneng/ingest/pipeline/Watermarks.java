package io.jieneng.ingest.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts pending units with hysteresis: high once the count exceeds {@code high}, and high until it falls to
 * {@code low}. The transitions are synchronized so that a relief is never missed between an add on an event loop
 * and a remove on a writer thread.
 */
public final class Watermarks implements PressureSource {

    private final long high;
    private final long low;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long pending;
    private boolean isHigh;

    public Watermarks(long high, long low) {
        if (low < 0 || low > high) {
            throw new IllegalArgumentException("need 0 <= low <= high, got low=" + low + ", high=" + high);
        }
        this.high = high;
        this.low = low;
    }

    /** Adds {@code n} pending units; returns whether the pressure is now high. */
    public synchronized boolean add(long n) {
        pending += n;
        if (pending > high) {
            isHigh = true;
        }
        return isHigh;
    }

    /** Removes {@code n} pending units, and tells the listeners when that relieves the pressure. */
    public void remove(long n) {
        boolean relieved;
        synchronized (this) {
            pending -= n;
            relieved = isHigh && pending <= low;
            if (relieved) {
                isHigh = false;
            }
        }
        if (relieved) {
            listeners.forEach(Runnable::run);
        }
    }

    public synchronized long pending() {
        return pending;
    }

    @Override
    public synchronized boolean isHigh() {
        return isHigh;
    }

    @Override
    public void onRelief(Runnable listener) {
        listeners.add(listener);
    }
}
