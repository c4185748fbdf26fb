package io.jieneng.ingest.mqtt.publish;

import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.Backpressure;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.pipeline.BatchWriter;
import io.jieneng.ingest.quarantine.QuarantineWriter;

import java.time.Clock;

/** The shared services behind every connection's {@link PublishResponder}. */
public record PublishPipeline(BatchWriter writer, QuarantineWriter quarantine, Backpressure backpressure,
                              IngestMetrics metrics, Disconnector disconnector, Clock clock) {
}
