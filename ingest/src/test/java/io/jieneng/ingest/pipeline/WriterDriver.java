package io.jieneng.ingest.pipeline;

import java.util.List;

/** Drives a {@link BatchWriter} that was not started, on the test's thread, one write attempt at a time. */
public final class WriterDriver {

    private WriterDriver() {
    }

    /** Tries once to write what is queued; true when the store took it (or nothing was queued). */
    public static boolean writeQueued(BatchWriter writer) throws InterruptedException {
        List<BatchWriter.Pending> batch = writer.nextBatch(0);
        return batch.isEmpty() || writer.writeOnce(batch);
    }
}
