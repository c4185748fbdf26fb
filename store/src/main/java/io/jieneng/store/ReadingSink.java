package io.jieneng.store;

import io.jieneng.devices.reading.Reading;

import java.util.List;

/**
 * Writes readings to a time-series store. Only the single writer thread of the batch writer calls
 * {@link #write}, so implementations need not be thread-safe for writes.
 */
public interface ReadingSink extends AutoCloseable {

    /**
     * Writes {@code batch} and returns only when all of it is durable in the store, followed by one arrival
     * marker per meter of the batch (docs/ROLLUPS.md), so that an acknowledgement implies a durable marker.
     * Writing the same (meter, ts) again overwrites it. Throws when the store did not take the batch or its
     * markers. Each store request ends within {@link Stores#WRITE_ATTEMPT_BOUND}.
     *
     * @throws StoreRefusedException when the store refused readings of the batch for a reason in the readings
     *                               themselves, so resending them can never succeed: the caller splits the batch
     *                               to find the refused readings (a store may have kept the others already, which
     *                               writing them again overwrites with the same values)
     * @throws Exception             any other failure, which is transient: the caller retries the batch whole
     */
    void write(List<Reading> batch) throws Exception;

    /** True when the store answers right now. Never throws. */
    boolean isReachable();

    @Override
    void close();
}
