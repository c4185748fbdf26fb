package io.jieneng.ingest.server;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.Backpressure;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.connect.AuthCache;
import io.jieneng.ingest.mqtt.connect.Authenticator;
import io.jieneng.ingest.mqtt.publish.PublishPipeline;
import io.jieneng.ingest.mqtt.publish.PublishService;
import io.jieneng.ingest.pipeline.Backoff;
import io.jieneng.ingest.pipeline.BatchWriter;
import io.jieneng.ingest.pipeline.RecordingSink;
import io.jieneng.ingest.pipeline.WriterDriver;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.quarantine.QuarantineWriter;
import io.jieneng.ingest.reading.DecodeLimits;
import io.jieneng.ingest.reading.ReadingDecoder;
import io.jieneng.ingest.testing.InMemoryRegistryStore;
import io.jieneng.ingest.testing.TestRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The real pipeline around EmbeddedChannels. Everything asynchronous runs on the test thread: authentication and
 * quarantine inserts inline, and the batch writer is driven by hand ({@link #writeBatch()}), so a test decides
 * exactly when the store has made data durable.
 */
final class MqttHarness {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(meters);
    final RecordingSink sink = new RecordingSink();
    final InMemoryRegistryStore secrets = new InMemoryRegistryStore(TestRegistry.document());
    final Registry registry = TestRegistry.registry();
    final BatchWriter writer;
    final QuarantineStore quarantineStore;
    final MqttServices services;

    MqttHarness(boolean allowAnonymous, long maxPendingReadings) {
        writer = new BatchWriter(sink, new BatchWriter.Settings(5000, Duration.ZERO, maxPendingReadings,
                Backoff.DEFAULT), metrics);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/registry").load().migrate();
        quarantineStore = new QuarantineStore(ds, 1000);
        QuarantineWriter quarantine = new QuarantineWriter(quarantineStore, Backoff.DEFAULT, 100, metrics,
                Runnable::run);
        Backpressure backpressure = new Backpressure(List.of(writer, quarantine), metrics);
        Authenticator authenticator = new Authenticator(() -> registry, secrets, new SecretHasher(4),
                new AuthCache(Duration.ofMinutes(10)), Runnable::run, allowAnonymous);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PublishService publish = new PublishService(() -> registry,
                new ReadingDecoder(DecodeLimits.CONTRACT, ZoneId.of("Asia/Shanghai")), clock);
        PublishPipeline pipeline = new PublishPipeline(writer, quarantine, backpressure, metrics, new Disconnector(),
                clock);
        services = MqttServices.create(DecodeLimits.CONTRACT.maxPayloadBytes(), Duration.ofSeconds(10), metrics,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), authenticator, backpressure, publish,
                pipeline);
    }

    MqttHarness() {
        this(false, 200_000);
    }

    /** A new connection through the real pipeline. */
    MqttWire connect() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new MqttChannelInitializer(services));
        return new MqttWire(channel);
    }

    /** Lets the store take everything queued, as the writer thread would. */
    void writeBatch() throws InterruptedException {
        if (!WriterDriver.writeQueued(writer)) {
            throw new AssertionError("the store refused the batch");
        }
    }

    double counter(String name, String tag, String value) {
        var c = meters.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }
}
