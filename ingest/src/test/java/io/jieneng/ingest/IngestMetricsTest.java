package io.jieneng.ingest;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetricsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void theWriteLatencyIsAHistogramWithFixedBuckets() {
        metrics.write().record(3, TimeUnit.MILLISECONDS);
        metrics.write().record(40, TimeUnit.MILLISECONDS);
        metrics.write().record(2, TimeUnit.SECONDS);
        CountAtBucket[] buckets = metrics.write().takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).map(b -> b.bucket(TimeUnit.MILLISECONDS)))
                .containsExactly(1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0,
                        10_000.0);
        // Cumulative counts, as Prometheus' le buckets are.
        assertThat(Arrays.stream(buckets).mapToDouble(CountAtBucket::count).toArray())
                .containsExactly(0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3);
    }

    @Test
    void countsByReason() {
        metrics.protocolViolation("malformed_packet");
        metrics.protocolViolation("malformed_packet");
        metrics.rateLimited(true);
        metrics.disconnected("session_taken_over");
        assertThat(registry.get(IngestMetrics.PROTOCOL_VIOLATIONS).tag("reason", "malformed_packet").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get(IngestMetrics.RATE_LIMITED).tag("action", "refused").counter().count()).isOne();
        assertThat(registry.get(IngestMetrics.DISCONNECTS).tag("reason", "session_taken_over").counter().count())
                .isOne();
    }
}
