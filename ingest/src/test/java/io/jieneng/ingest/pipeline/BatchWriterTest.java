package io.jieneng.ingest.pipeline;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.IngestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BatchWriterTest {

    final RecordingSink sink = new RecordingSink();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BatchWriter writer;

    BatchWriter writer(int maxReadings, Duration maxDelay, long maxPending) {
        writer = new BatchWriter(sink, new BatchWriter.Settings(maxReadings, maxDelay, maxPending,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(40))), new IngestMetrics(registry));
        return writer;
    }

    @AfterEach
    void close() {
        writer.close(Duration.ofSeconds(5));
    }

    static List<Reading> readings(String meter, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Reading(meter, 1_000L + i, (double) i, null, null, null,
                null, null, null)).toList();
    }

    @Test
    void batchesMessagesOfManyConnectionsWithoutSplittingOne() throws Exception {
        writer(5, Duration.ofMillis(10), 1000);
        List<String> done = new CopyOnWriteArrayList<>();
        writer.submit(readings("a", 2), () -> done.add("a"));
        writer.submit(readings("b", 2), () -> done.add("b"));
        writer.submit(readings("c", 2), () -> done.add("c"));
        writer.submit(readings("d", 7), () -> done.add("d"));
        assertThat(writer.writeOnce(writer.nextBatch(0))).isTrue();
        assertThat(done).containsExactly("a", "b");
        assertThat(writer.writeOnce(writer.nextBatch(0))).isTrue();
        assertThat(writer.writeOnce(writer.nextBatch(0))).isTrue();
        assertThat(done).containsExactly("a", "b", "c", "d");
        assertThat(sink.batches()).extracting(List::size).containsExactly(4, 2, 7);
        assertThat(writer.pendingReadings()).isZero();
    }

    @Test
    void completesAMessageOnlyAfterTheSinkReturned() {
        writer(100, Duration.ofMillis(1), 1000).start();
        sink.hold();
        AtomicInteger durable = new AtomicInteger();
        writer.submit(readings("a", 3), durable::incrementAndGet);
        await().until(() -> sink.attempts() == 1);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> durable.get() == 0);
        sink.release();
        await().until(() -> durable.get() == 1);
        assertThat(sink.all()).isEqualTo(readings("a", 3));
        assertThat(registry.get(IngestMetrics.BATCH_SIZE).summary().totalAmount()).isEqualTo(3);
    }

    @Test
    void severalWritersWriteConcurrentlyAndEachMessageExactlyOnce() {
        RecordingSink slow = new RecordingSink();
        RecordingSink fast = new RecordingSink();
        writer = new BatchWriter(List.of(slow, fast), new BatchWriter.Settings(2, Duration.ZERO, 10_000,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(40))), new IngestMetrics(registry));
        writer.start();
        slow.hold();
        fast.hold();
        List<String> done = new CopyOnWriteArrayList<>();
        writer.submit(readings("a", 2), () -> done.add("a"));
        writer.submit(readings("b", 2), () -> done.add("b"));
        // Both writers hold a batch at once: neither waits for the other's write to return.
        await().until(() -> slow.attempts() == 1 && fast.attempts() == 1);
        fast.release();
        await().until(() -> done.size() == 1);
        assertThat(done).containsExactlyElementsOf(fast.batches().stream()
                .map(b -> b.get(0).meterId()).toList());
        for (int i = 0; i < 40; i++) {
            String meter = "m" + i;
            writer.submit(readings(meter, 1), () -> done.add(meter));
        }
        slow.release();
        await().until(() -> done.size() == 42);
        List<Reading> written = new java.util.ArrayList<>(slow.all());
        written.addAll(fast.all());
        assertThat(written).hasSize(44).doesNotHaveDuplicates();
        assertThat(done).doesNotHaveDuplicates();
        assertThat(writer.pendingReadings()).isZero();
    }

    @Test
    void retriesAFailedBatchWholeUntilTheStoreTakesIt() {
        writer(100, Duration.ofMillis(1), 1000).start();
        sink.failNext(4);
        AtomicInteger durable = new AtomicInteger();
        writer.submit(readings("a", 2), durable::incrementAndGet);
        writer.submit(readings("b", 1), durable::incrementAndGet);
        await().until(() -> durable.get() == 2);
        assertThat(sink.attempts()).isGreaterThanOrEqualTo(5);
        assertThat(sink.all()).hasSize(3);
        assertThat(registry.get(IngestMetrics.WRITE_FAILURES).counter().count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void signalsPressureAboveTheHighWatermarkAndReliefBelowTheLowOne() {
        writer(1000, Duration.ofMillis(1), 10);
        AtomicInteger reliefs = new AtomicInteger();
        writer.onRelief(reliefs::incrementAndGet);
        assertThat(writer.submit(readings("a", 6), () -> { })).isFalse();
        assertThat(writer.submit(readings("b", 6), () -> { })).isTrue();
        assertThat(writer.isHigh()).isTrue();
        assertThat(registry.get(IngestMetrics.PENDING_READINGS).gauge().value()).isEqualTo(12);
        writer.start();
        await().until(() -> reliefs.get() == 1);
        assertThat(writer.isHigh()).isFalse();
    }

    @Test
    void closeWritesWhatIsQueued() {
        writer(1000, Duration.ofMillis(1), 1000);
        sink.hold();
        writer.start();
        AtomicInteger durable = new AtomicInteger();
        writer.submit(readings("a", 1), durable::incrementAndGet);
        writer.submit(readings("b", 1), durable::incrementAndGet);
        sink.release();
        writer.close(Duration.ofSeconds(5));
        assertThat(durable.get()).isEqualTo(2);
    }
}
