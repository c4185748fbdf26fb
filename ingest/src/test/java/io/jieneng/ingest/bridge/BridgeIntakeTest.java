package io.jieneng.ingest.bridge;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.pipeline.RecordingSink;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jieneng.ingest.testing.TestRegistry.MAIN;
import static io.jieneng.ingest.testing.TestRegistry.WATER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge's handling of one message, through a real IngestCore, without a broker. */
class BridgeIntakeTest {

    static final long TS = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).toEpochMilli();

    final RecordingSink sink = new RecordingSink();
    final QuarantineStore quarantine = BrokerFixture.quarantine();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IngestCore core = BrokerFixture.core(sink, quarantine, meters);
    final BridgeIntake intake = new BridgeIntake(core);
    final AtomicInteger acks = new AtomicInteger();

    @AfterEach
    void close() {
        core.close();
    }

    void accept(String topic, String json) {
        intake.accept(1, topic, json.getBytes(StandardCharsets.UTF_8), acks::incrementAndGet);
    }

    @Test
    void validReadingsAreAcknowledgedOnlyOnceTheStoreHasThem() {
        sink.hold();
        accept("meters/" + MAIN + "/readings", "{\"ts\":" + TS + ",\"energyKwh\":12.5}");
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.attempts() > 0);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> acks.get() == 0);
        assertThat(sink.all()).isEmpty();

        sink.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.get() == 1);
        assertThat(sink.all()).extracting(Reading::meterId, Reading::tsMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MAIN, TS));
        assertThat(meters.get(IngestMetrics.MESSAGES).tag("qos", "1").counter().count()).isEqualTo(1);
        assertThat(meters.get(IngestMetrics.READINGS).tag("qos", "1").counter().count()).isEqualTo(1);
    }

    @Test
    void anInvalidPayloadIsQuarantinedUnderItsMeterThenAcknowledged() throws Exception {
        accept("meters/" + WATER + "/readings", "{\"ts\":" + TS + ",\"volumeM3\":-1}");
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.get() == 1);
        List<QuarantineEntry> rows = quarantine.recent(Optional.of(WATER), 10);
        assertThat(rows).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("negative_register");
            assertThat(e.meterId()).isEqualTo(WATER);
            assertThat(e.topic()).isEqualTo("meters/" + WATER + "/readings");
        });
        assertThat(meters.get(IngestMetrics.REJECTED).tag("reason", "negative_register").counter().count())
                .isEqualTo(1);
        assertThat(sink.all()).isEmpty();
    }

    @Test
    void aMeterThatIsNotInTheRegistryIsRefusedAsUnknown() throws Exception {
        accept("meters/ghost-7/readings", "{\"ts\":" + TS + ",\"energyKwh\":1}");
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.get() == 1);
        assertThat(quarantine.recent(Optional.of("ghost-7"), 10)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("unknown_meter"));
    }

    @Test
    void aTopicThatNamesNoMeterIsRefusedWithoutADevice() throws Exception {
        accept("meters/" + MAIN + "/status", "online");
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.get() == 1);
        assertThat(quarantine.recent(Optional.empty(), 10)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("topic_not_allowed");
            assertThat(e.deviceId()).isNull();
            assertThat(e.meterId()).isNull();
        });
    }

    @Test
    void aMessageArrivingWhileTheCoreShutsDownStaysUnacknowledged() {
        core.drain(Duration.ofSeconds(1));
        accept("meters/" + MAIN + "/readings", "{\"ts\":" + TS + ",\"energyKwh\":1}");
        accept("meters/" + MAIN + "/readings", "not json");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> acks.get() == 0);
        assertThat(sink.all()).isEmpty();
    }
}
