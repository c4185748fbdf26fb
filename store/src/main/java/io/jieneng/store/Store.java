package io.jieneng.store;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One opened time-series store, from {@link Stores#open}: everything ingest and analytics do with it goes through
 * the objects it hands out, which share the store's one connection helper (and, for QuestDB, its one JDBC pool).
 * Closing the store closes that helper.
 */
public final class Store implements AutoCloseable {

    private final Supplier<ReadingSink> sinks;
    private final ReadingReader reader;
    private final RollupStore rollups;
    private final int defaultWriters;
    private final Runnable close;

    /**
     * A store's parts; each store package builds one from its helper.
     *
     * @param sinks          makes a new sink per call
     * @param defaultWriters see {@link #defaultWriters()}
     * @param close          closes what the parts share
     */
    public Store(Supplier<ReadingSink> sinks, ReadingReader reader, RollupStore rollups, int defaultWriters,
                 Runnable close) {
        this.sinks = Objects.requireNonNull(sinks);
        this.reader = Objects.requireNonNull(reader);
        this.rollups = Objects.requireNonNull(rollups);
        this.defaultWriters = defaultWriters;
        this.close = Objects.requireNonNull(close);
    }

    /**
     * A new sink for one writer thread: sinks may hold per-writer state (an ILP buffer, a line encoder, a marker
     * writer id), so every writer gets its own. Closing a sink leaves the store open.
     */
    public ReadingSink newSink() {
        return sinks.get();
    }

    /** The reader of raw readings. */
    public ReadingReader reader() {
        return reader;
    }

    /** Where rollups and arrival markers are read and written. */
    public RollupStore rollups() {
        return rollups;
    }

    /**
     * How many batches ingest writes at once when {@code JIENENG_INGEST_WRITERS} is 0: what this store takes best
     * (docs/INGEST.md, docs/PERFORMANCE.md).
     */
    public int defaultWriters() {
        return defaultWriters;
    }

    @Override
    public void close() {
        close.run();
    }
}
