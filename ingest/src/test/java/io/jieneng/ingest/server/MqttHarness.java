package io.jieneng.ingest.server;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.mqtt.Backpressure;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.connect.AuthCache;
import io.jieneng.ingest.mqtt.connect.Authenticator;
import io.jieneng.ingest.mqtt.limit.ConnectThrottle;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.jieneng.ingest.mqtt.limit.RateLimiter;
import io.jieneng.ingest.mqtt.publish.PublishPipeline;
import io.jieneng.ingest.mqtt.publish.PublishService;
import io.jieneng.ingest.mqtt.session.SessionStore;
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
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real pipeline around EmbeddedChannels. Everything asynchronous runs on the test thread: authentication and
 * quarantine inserts inline, and the batch writer is driven by hand ({@link #writeBatch()}), so a test decides
 * exactly when the store has made data durable. Sessions and rate buckets read {@link #nanos}, which
 * {@link #advance} moves together with every channel's scheduler.
 */
final class MqttHarness {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    /** What a test may vary; the defaults keep limits out of the way. */
    record Options(boolean allowAnonymous, long maxPendingReadings, MqttSettings mqtt, Limits limits,
                   SslContext tls, Executor authExecutor) {

        static Options defaults() {
            return new Options(false, 200_000, new MqttSettings(10, 4, Duration.ofHours(1), 100),
                    new Limits(0, 1, 0), null, Runnable::run);
        }

        Options anonymous(boolean allowed) {
            return new Options(allowed, maxPendingReadings, mqtt, limits, tls, authExecutor);
        }

        Options pending(long max) {
            return new Options(allowAnonymous, max, mqtt, limits, tls, authExecutor);
        }

        Options mqtt(MqttSettings settings) {
            return new Options(allowAnonymous, maxPendingReadings, settings, limits, tls, authExecutor);
        }

        Options limits(Limits newLimits) {
            return new Options(allowAnonymous, maxPendingReadings, mqtt, newLimits, tls, authExecutor);
        }

        Options tls(SslContext context) {
            return new Options(allowAnonymous, maxPendingReadings, mqtt, limits, context, authExecutor);
        }

        /** Authentication runs on {@code executor} (default: inline, on the test thread). */
        Options authExecutor(Executor executor) {
            return new Options(allowAnonymous, maxPendingReadings, mqtt, limits, tls, executor);
        }
    }

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(meters);
    final RecordingSink sink = new RecordingSink();
    final InMemoryRegistryStore secrets = new InMemoryRegistryStore(TestRegistry.document());
    /** The registry snapshot the server sees; a test may swap it, as a reload would. */
    volatile Registry registry = TestRegistry.registry();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final BatchWriter writer;
    final QuarantineStore quarantineStore;
    final SessionStore sessions;
    final MqttServices services;
    final Options options;
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    MqttHarness(Options options) {
        this.options = options;
        writer = new BatchWriter(sink, new BatchWriter.Settings(5000, Duration.ZERO, options.maxPendingReadings(),
                Backoff.DEFAULT), metrics);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        quarantineStore = new QuarantineStore(ds, 1000);
        QuarantineWriter quarantine = new QuarantineWriter(quarantineStore, Backoff.DEFAULT, 100, metrics,
                Runnable::run);
        Backpressure backpressure = new Backpressure(List.of(writer, quarantine), metrics);
        Authenticator authenticator = new Authenticator(() -> registry, secrets, new DeviceSecrets(),
                new AuthCache(Duration.ofMinutes(10)), options.authExecutor(), options.allowAnonymous(),
                new ConnectThrottle(options.limits().failuresPerAddress(), options.limits().failuresPerUser(),
                        nanos::get), metrics);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        PublishService publish = new PublishService(() -> registry,
                new ReadingDecoder(DecodeLimits.CONTRACT, ZoneId.of("Asia/Shanghai")), clock);
        PublishPipeline pipeline = new PublishPipeline(writer, quarantine, backpressure, metrics,
                new Disconnector(metrics), clock);
        sessions = new SessionStore(options.mqtt().maxStoredSessions(), nanos::get, metrics);
        services = MqttServices.create(DecodeLimits.CONTRACT.maxPayloadBytes(), Duration.ofSeconds(10),
                options.mqtt(), options.limits(), metrics, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                authenticator, backpressure, publish, pipeline, sessions,
                new RateLimiter(options.limits(), nanos::get, metrics));
    }

    MqttHarness(boolean allowAnonymous, long maxPendingReadings) {
        this(Options.defaults().anonymous(allowAnonymous).pending(maxPendingReadings));
    }

    MqttHarness() {
        this(Options.defaults());
    }

    /** A new connection through the real pipeline. */
    MqttWire connect() {
        return connectFrom(null, null);
    }

    /**
     * A new connection from {@code remote} (null: EmbeddedChannel's own address, which no per-address limit
     * counts), its buffers allocated by {@code allocator} (null: the default).
     */
    MqttWire connectFrom(InetSocketAddress remote, ByteBufAllocator allocator) {
        return new MqttWire(serverChannel(remote, allocator), null);
    }

    /** A new connection to the TLS pipeline (the harness needs {@code Options.tls}), as {@code client} sees it. */
    MqttWire connectTls(SslContext client) {
        return new MqttWire(serverChannel(null, null), client);
    }

    private EmbeddedChannel serverChannel(InetSocketAddress remote, ByteBufAllocator allocator) {
        EmbeddedChannel channel = new AddressedChannel(remote);
        if (allocator != null) {
            channel.config().setAllocator(allocator);
        }
        channel.freezeTime();
        channel.pipeline().addLast(new MqttChannelInitializer(services, options.tls()));
        channels.add(channel);
        return channel;
    }

    /** Moves the sessions' and rate buckets' clock and every channel's scheduler forward. */
    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
        for (EmbeddedChannel ch : channels) {
            ch.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
            ch.runScheduledPendingTasks();
            ch.runPendingTasks();
        }
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

    double counter(String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    double gauge(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).gauge().value();
    }

    /** An EmbeddedChannel that reports a real socket address, as accepted channels do. */
    static final class AddressedChannel extends EmbeddedChannel {

        private final SocketAddress remote;

        AddressedChannel(SocketAddress remote) {
            // Registered only once the address is set: the channel caches the first address it is asked for.
            super(DefaultChannelId.newInstance(), false, false);
            this.remote = remote;
            try {
                register();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote != null ? remote : super.remoteAddress0();
        }
    }
}
