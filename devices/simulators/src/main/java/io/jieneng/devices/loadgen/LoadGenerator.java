package io.jieneng.devices.loadgen;

import io.jieneng.devices.registry.RegistryDocuments;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.HdrHistogram.Histogram;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one load test: opens the connections at the ramp rate, sends for the warm-up and the measured window (or
 * only keeps the connections alive with {@code --idle}), drains outstanding acknowledgements, disconnects, and
 * reports. One event-loop group (epoll when available) with a few threads serves every connection.
 */
public final class LoadGenerator {

    private static final Logger LOG = Logger.getLogger(LoadGenerator.class);
    private static final int MAX_INBOUND_PACKET = 64 * 1024;
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LoadGenOptions options;
    private final LoadStats stats = new LoadStats();

    public LoadGenerator(LoadGenOptions options) {
        this.options = options;
    }

    /** Runs the test and returns its report. */
    public LoadReport run() throws InterruptedException {
        List<MeterLogin> logins = options.registry() == null
                ? MeterLogin.generated(options.meterPrefix(), options.meterOffset(), options.connections())
                : MeterLogin.fromRegistry(RegistryDocuments.parse(options.registry()), options.meterOffset(),
                options.connections());
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = epoll
                ? new EpollEventLoopGroup(options.threads(), new DefaultThreadFactory("loadgen-loop"))
                : new NioEventLoopGroup(options.threads(), new DefaultThreadFactory("loadgen-loop"));
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        List<LoopDriver> drivers = new ArrayList<>();
        for (EventExecutor e : group) {
            drivers.add(new LoopDriver((EventLoop) e, new ReadingPayload(options.payloadBytes(),
                    options.readingsPerMessage()), stats));
        }
        String startedAt = Instant.now().toString();
        try (ResourceSampler sampler = new ResourceSampler(options.targetPid())) {
            Bootstrap bootstrap = new Bootstrap()
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.ackTimeoutSeconds() * 1000);
            if (epoll && !options.sourceAddresses().isEmpty()) {
                // Lets the kernel pick the source port at connect time, per destination, rather than at bind.
                bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
            }
            long connectStart = System.nanoTime();
            connectAll(bootstrap, drivers, logins, channels);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            LOG.infof("%d of %d connections established in %.1f s", stats.established.get(), options.connections(),
                    connectSeconds);
            writeReadyFile(connectSeconds);

            double rate = options.idle() ? -1 : options.rate();
            if (rate >= 0) {
                start(drivers, rate);
                pause(options.warmupSeconds());
            }
            stats.latencyMicros.getIntervalHistogram();
            LoadStats.Totals before = stats.totals();
            ResourceSampler.Mark from = sampler.mark();
            Instant windowStart = Instant.now();
            pause(options.durationSeconds());
            ResourceSampler.Mark to = sampler.mark();
            Instant windowEnd = Instant.now();
            LoadStats.Totals after = stats.totals();
            Histogram latency = stats.latencyMicros.getIntervalHistogram();
            int openAtEnd = stats.open.get();

            drivers.forEach(LoopDriver::stop);
            drain();
            LoadStats.Totals end = stats.totals();
            LoadReport.Target target = options.targetPid() > 0 ? new LoadReport.Target(options.targetPid(),
                    ResourceSampler.targetCpuPercent(from, to), mib(sampler.maxRssKib()),
                    mib(sampler.peakRssKib())) : null;
            double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
            long completed = after.completed() - before.completed();
            return new LoadReport("jieneng-loadgen", startedAt, windowStart.toString(), windowEnd.toString(),
                    options.host() + ":" + options.port(),
                    LoadGenReportOptions.of(options, drivers.get(0).payload(), epoll), Machine.current(),
                    new LoadReport.Connections(options.connections(), stats.established.get(),
                            stats.peakOpen.get(), openAtEnd, round(connectSeconds)),
                    options.idle() ? 0 : options.warmupSeconds(), round(seconds), after.sent() - before.sent(),
                    completed, round(completed / seconds),
                    round((after.completedReadings() - before.completedReadings()) / seconds),
                    Percentiles.of(latency), stats.errors.total(), stats.errors.snapshot(),
                    stats.errors.examples(), end.completed(), end.completedReadings(), stats.outstanding.sum(),
                    stats.rateShortfall.sum(), stats.tsClockWaits.sum(), ResourceSampler.ownCpuPercent(from, to),
                    target);
        } finally {
            drivers.forEach(LoopDriver::close);
            channels.writeAndFlush(LoadConnection.DISCONNECT).awaitUninterruptibly(5, TimeUnit.SECONDS);
            channels.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** Opens every connection at the ramp rate and waits until each has settled (accepted, refused or failed). */
    private void connectAll(Bootstrap bootstrap, List<LoopDriver> drivers, List<MeterLogin> logins,
                            ChannelGroup channels) throws InterruptedException {
        int n = logins.size();
        CountDownLatch settled = new CountDownLatch(n);
        InetSocketAddress server = new InetSocketAddress(options.host(), options.port());
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_NANOS;
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * 1e9 / options.rampPerSecond());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - nextProgress > 0) {
                LOG.infof("connecting: %d of %d started, %d established", i, n, stats.established.get());
                nextProgress += PROGRESS_NANOS;
            }
            LoopDriver driver = drivers.get(i % drivers.size());
            LoadConnection connection = new LoadConnection(i, logins.get(i), driver, options, stats,
                    settled::countDown);
            driver.loop().execute(() -> driver.add(connection));
            Bootstrap b = bootstrap.clone(driver.loop()).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    // Outbound: the encoder (PUBLISH frames pass it as ready ByteBufs). Inbound: whole packets, the
                    // decoder, then the connection, which also sends the keepalive PINGREQs.
                    ch.pipeline().addLast("encoder", MqttEncoder.INSTANCE)
                            .addLast("framer", new MqttPacketFramer(MAX_INBOUND_PACKET))
                            .addLast("decoder", new MqttDecoder(MAX_INBOUND_PACKET))
                            .addLast("connection", connection);
                }
            });
            InetAddress local = options.sourceAddresses().forConnection(i);
            ChannelFuture f = local == null ? b.connect(server) : b.connect(server, new InetSocketAddress(local, 0));
            channels.add(f.channel());
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    stats.errors.add(connectFailure(done.cause()), done.cause().toString());
                    settled.countDown();
                }
            });
        }
        // Every attempt settles by itself: a CONNACK, a refusal, a TCP failure, or the CONNACK timeout.
        long waitSeconds = options.ackTimeoutSeconds() + 15L;
        while (!settled.await(5, TimeUnit.SECONDS)) {
            LOG.infof("connecting: %d of %d settled, %d established", n - settled.getCount(), n,
                    stats.established.get());
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(waitSeconds) + (long) (n * 1e9
                    / options.rampPerSecond())) {
                LOG.warnf("%d connection attempts did not settle; going on without them", settled.getCount());
                break;
            }
        }
    }

    private void start(List<LoopDriver> drivers, double rate) throws InterruptedException {
        int[] connected = new int[drivers.size()];
        int total = 0;
        for (int i = 0; i < drivers.size(); i++) {
            LoopDriver d = drivers.get(i);
            try {
                connected[i] = d.loop().submit(d::connected).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot count the connections of an event loop", e.getCause());
            }
            total += connected[i];
        }
        for (int i = 0; i < drivers.size(); i++) {
            LoopDriver d = drivers.get(i);
            // Each loop paces its share of the rate, in proportion to the connections it holds.
            double share = rate > 0 ? (total == 0 ? 0 : rate * connected[i] / total) : 0;
            if (rate > 0 && share == 0) {
                continue;
            }
            d.loop().execute(() -> d.start(share));
        }
    }

    /** Waits for outstanding acknowledgements, at most the drain time. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + (long) (options.drainSeconds() * 1e9);
        while (stats.outstanding.sum() > 0 && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void writeReadyFile(double connectSeconds) {
        if (options.readyFile() == null) {
            return;
        }
        try {
            Files.writeString(options.readyFile(), String.format(java.util.Locale.ROOT,
                    "{\"requested\": %d, \"established\": %d, \"connectSeconds\": %.1f}%n", options.connections(),
                    stats.established.get(), connectSeconds));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + options.readyFile(), e);
        }
    }

    /** A stable error kind: the failure without the addresses, which differ per connection. */
    static String connectFailure(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int colon = message.indexOf(": /");
        if (colon > 0) {
            message = message.substring(0, colon);
        }
        return "connect_failed: " + message;
    }

    private static void pause(double seconds) throws InterruptedException {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    private static double mib(long kib) {
        return Math.round(kib / 1024.0 * 10) / 10.0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
