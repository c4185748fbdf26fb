package io.jieneng.ingest.pipeline;

import io.jieneng.devices.reading.Reading;
import io.jieneng.store.ReadingSink;
import io.jieneng.store.StoreRefusedException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A batch the store refused ({@link StoreRefusedException}) is written again in halves, and each refused half in
 * halves again, down to single readings: what the store takes is stored, and the readings it refuses alone are
 * handed to the quarantine. One poison reading in a batch of n costs about 2·log2(n) extra writes, instead of a
 * batch retried forever that stops all ingest behind it.
 */
public final class RefusedReadings {

    /** Where a reading the store refused goes (the quarantine); the future completes once it is kept there. */
    public interface Handler {
        CompletableFuture<?> refused(Reading reading, String storeMessage);
    }

    private RefusedReadings() {
    }

    /**
     * Writes {@code readings}, splitting on refusals.
     *
     * @return each reading the store refused on its own, with the store's message (the same instances as in
     *         {@code readings}); empty when the store took them all
     * @throws Exception a transient failure of any of the writes: the caller retries the whole batch, which
     *                   overwrites what was stored already with the same values
     */
    static Map<Reading, String> write(ReadingSink sink, List<Reading> readings) throws Exception {
        Map<Reading, String> refused = new IdentityHashMap<>();
        write(sink, readings, refused);
        return refused;
    }

    private static void write(ReadingSink sink, List<Reading> readings, Map<Reading, String> refused)
            throws Exception {
        try {
            sink.write(readings);
        } catch (StoreRefusedException e) {
            if (readings.size() == 1) {
                refused.put(readings.get(0), String.valueOf(e.getMessage()));
                return;
            }
            int half = readings.size() / 2;
            write(sink, new ArrayList<>(readings.subList(0, half)), refused);
            write(sink, new ArrayList<>(readings.subList(half, readings.size())), refused);
        }
    }
}
