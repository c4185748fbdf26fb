package io.jieneng.ingest.pipeline;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.store.ReadingSink;
import io.jieneng.store.StoreRefusedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class RefusedReadingsTest {

    /** Refuses, like InfluxDB's partial write, every request holding a poison reading; keeps the rest. */
    static final class RefusingSink implements ReadingSink {
        final List<Reading> stored = new CopyOnWriteArrayList<>();
        final Predicate<Reading> poison;
        int writes;
        boolean down;

        RefusingSink(Predicate<Reading> poison) {
            this.poison = poison;
        }

        @Override
        public void write(List<Reading> batch) throws Exception {
            writes++;
            if (down) {
                throw new java.io.IOException("connection refused (test)");
            }
            if (batch.stream().anyMatch(poison)) {
                throw new StoreRefusedException("field type conflict (test)", null);
            }
            stored.addAll(batch);
        }

        @Override
        public boolean isReachable() {
            return !down;
        }

        @Override
        public void close() {
        }
    }

    final Map<Reading, String> quarantined = new ConcurrentHashMap<>();
    final List<CompletableFuture<Long>> quarantineCommits = new CopyOnWriteArrayList<>();
    BatchWriter writer;

    BatchWriter writer(ReadingSink sink) {
        writer = new BatchWriter(List.of(sink), new BatchWriter.Settings(1000, Duration.ZERO, 10_000,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(40))), new IngestMetrics(new SimpleMeterRegistry()),
                (reading, message) -> {
                    quarantined.put(reading, message);
                    CompletableFuture<Long> commit = new CompletableFuture<>();
                    quarantineCommits.add(commit);
                    return commit;
                });
        return writer;
    }

    @AfterEach
    void close() {
        writer.close(Duration.ofSeconds(5));
    }

    static List<Reading> readings(String meter, int n) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Reading(meter, 1_000L + i, (double) i, null, null, null, null, null, null));
        }
        return out;
    }

    @Test
    void storesWhatTheStoreTakesQuarantinesTheRefusedReadingAndAcknowledgesAfterTheQuarantine() throws Exception {
        RefusingSink sink = new RefusingSink(r -> r.meterId().equals("bad") && r.tsMillis() == 1_003);
        writer(sink);
        List<String> done = new CopyOnWriteArrayList<>();
        List<Reading> mixed = readings("bad", 5);
        writer.submit(readings("a", 40), () -> done.add("a"));
        writer.submit(mixed, () -> done.add("bad"));
        writer.submit(readings("b", 40), () -> done.add("b"));

        assertThat(WriterDriver.writeQueued(writer)).isTrue();

        assertThat(sink.stored).hasSize(84).doesNotContain(mixed.get(3));
        assertThat(quarantined).containsOnlyKeys(mixed.get(3));
        assertThat(quarantined.get(mixed.get(3))).isEqualTo("field type conflict (test)");
        // Bisecting 85 readings down to the one refused: far fewer writes than one per reading.
        assertThat(sink.writes).isLessThanOrEqualTo(1 + 2 * 7);
        // The clean messages are acknowledged at once; the mixed one only once its refused reading is kept.
        assertThat(done).containsExactly("a", "b");
        quarantineCommits.forEach(c -> c.complete(1L));
        assertThat(done).containsExactly("a", "b", "bad");
        assertThat(writer.pendingReadings()).isZero();
    }

    @Test
    void aMessageWhoseRefusedReadingCannotBeQuarantinedStaysUnacknowledged() throws Exception {
        RefusingSink sink = new RefusingSink(r -> r.tsMillis() == 1_000);
        writer(sink);
        List<String> done = new CopyOnWriteArrayList<>();
        writer.submit(readings("m", 3), () -> done.add("m"));
        assertThat(WriterDriver.writeQueued(writer)).isTrue();
        quarantineCommits.forEach(c -> c.completeExceptionally(new IllegalStateException("closed (test)")));
        assertThat(done).isEmpty();
        assertThat(sink.stored).hasSize(2);
    }

    @Test
    void aTransientFailureIsRetriedWholeAndQuarantinesNothing() throws Exception {
        RefusingSink sink = new RefusingSink(r -> false);
        writer(sink);
        List<String> done = new CopyOnWriteArrayList<>();
        writer.submit(readings("m", 10), () -> done.add("m"));
        sink.down = true;
        List<BatchWriter.Pending> batch = writer.nextBatch(0);
        assertThat(writer.writeOnce(batch)).isFalse();
        assertThat(writer.writeOnce(batch)).isFalse();
        assertThat(sink.writes).isEqualTo(2);
        assertThat(done).isEmpty();
        sink.down = false;
        assertThat(writer.writeOnce(batch)).isTrue();
        assertThat(done).containsExactly("m");
        assertThat(quarantined).isEmpty();
        assertThat(sink.stored).hasSize(10);
    }
}
