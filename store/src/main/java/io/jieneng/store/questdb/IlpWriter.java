package io.jieneng.store.questdb;

import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingSchema;
import io.questdb.client.Sender;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * One ILP/HTTP sender with its bounded flush, for one writing thread. QuestDB commits each flush (one HTTP
 * request) as a whole; after a failed flush the sender is thrown away, since it may hold half a batch.
 */
final class IlpWriter implements AutoCloseable {

    private final String config;
    private Sender sender;

    IlpWriter(String config) {
        this.config = config;
    }

    /** Appends rows with {@code rows}, then flushes: returns once QuestDB committed them, or throws. */
    void send(Consumer<Sender> rows) {
        if (sender == null) {
            sender = Sender.fromConfig(config);
        }
        try {
            rows.accept(sender);
            sender.flush();
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
    }

    /** Appends one arrival marker per arrival to {@code table}, all dated {@code markerMillis}. */
    static void markers(Sender s, String table, List<Arrival> arrivals, long markerMillis) {
        for (Arrival a : arrivals) {
            s.table(table).symbol(ReadingSchema.METER, a.meterId())
                    .longColumn(ReadingSchema.FROM_TS, a.fromMillis())
                    .longColumn(ReadingSchema.TO_TS, a.toMillis())
                    .at(markerMillis, ChronoUnit.MILLIS);
        }
    }

    private void discard() {
        Sender s = sender;
        sender = null;
        if (s != null) {
            try {
                s.reset();
                s.close();
            } catch (RuntimeException ignored) {
                // The sender is being thrown away; its buffer was never acknowledged.
            }
        }
    }

    @Override
    public void close() {
        discard();
    }
}
