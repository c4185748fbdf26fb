package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jieneng.devices.registry.RegistryDocuments;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.HdrHistogram.Histogram;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --reconnect-storm}: every meter of a registry connects at once, as after a platform restart, while a
 * flood of bogus CONNECTs (unknown ids, random passwords) comes from another source address at a fixed rate.
 * A device refused or cut off retries after a random 100-300 ms, as real clients back off; at most
 * {@code --max-pending} CONNECTs are in flight at once (a real fleet's reconnects are spread by jitter, and the
 * server's accept backlog is 1,024). Reports the time until every device is connected, the CONNACK latency of the
 * accepted attempts (TCP connect to CONNACK), refusals by reason code, what became of the bogus CONNECTs, and the
 * CPU of this process and of the server ({@code --target-pid}).
 */
@Command(name = "./jieneng loadgen --reconnect-storm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Connects every meter of a registry at once under a flood of bogus CONNECTs (bench/reconnect-storm.sh).")
final class ReconnectStorm implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ReconnectStorm.class);

    @Option(names = "--reconnect-storm", required = true, description = "run the storm")
    boolean storm;

    @Option(names = "--host", description = "MQTT server (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "MQTT port (default ${DEFAULT-VALUE})")
    int port = 1883;

    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "the meters and their secrets")
    Path registry;

    @Option(names = "--source-addresses", paramLabel = "LIST", converter = LoadGenCommand.SourceAddressesConverter.class,
            description = "the devices' source addresses (default ${DEFAULT-VALUE})")
    SourceAddresses sources = SourceAddresses.parse("127.0.1.1-127.0.1.10");

    @Option(names = "--bogus-rate", paramLabel = "PER_SEC", description = "bogus CONNECTs a second (default ${DEFAULT-VALUE})")
    int bogusRate = 200;

    @Option(names = "--bogus-source", paramLabel = "IP", description = "their source address (default ${DEFAULT-VALUE})")
    String bogusSource = "127.0.0.2";

    @Option(names = "--bogus-lead", paramLabel = "SECONDS",
            description = "seconds of flood before the devices start (default ${DEFAULT-VALUE})")
    int bogusLead = 2;

    @Option(names = "--max-pending", paramLabel = "N", description = "device CONNECTs in flight (default ${DEFAULT-VALUE})")
    int maxPending = 1000;

    @Option(names = "--deadline", paramLabel = "SECONDS", description = "give up after (default ${DEFAULT-VALUE})")
    int deadlineSeconds = 120;

    @Option(names = "--threads", paramLabel = "N", description = "event-loop threads (default ${DEFAULT-VALUE})")
    int threads = 2;

    @Option(names = "--target-pid", paramLabel = "PID", description = "sample this process's CPU from /proc")
    long targetPid;

    @Option(names = "--out", paramLabel = "FILE.json", description = "write the report as JSON")
    Path out;

    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
    private final Map<String, AtomicLong> deviceRefusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bogusOutcomes = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong bogusSent = new AtomicLong();
    private final AtomicLong lastAcceptedNanos = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        var document = RegistryDocuments.parse(registry);
        List<MeterLogin> logins = MeterLogin.fromRegistry(document, 0,
                (int) document.meters().stream().filter(m -> m.secret() != null).count());
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(threads, new DefaultThreadFactory("storm-loop"))
                : new NioEventLoopGroup(threads, new DefaultThreadFactory("storm-loop"));
        ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        if (epoll) {
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        StormClient client = new StormClient(bootstrap, new InetSocketAddress(host, port));
        InetAddress bogusAddress = InetAddress.getByName(bogusSource);
        SecureRandom random = new SecureRandom();
        try (ResourceSampler sampler = new ResourceSampler(targetPid)) {
            var flood = group.next().scheduleAtFixedRate(() -> {
                bogusSent.incrementAndGet();
                byte[] guess = new byte[16];
                ThreadLocalRandom.current().nextBytes(guess);
                String id = "bogus-" + HexFormat.of().formatHex(guess, 0, 6);
                client.attempt(bogusAddress, id, id, HexFormat.of().formatHex(guess).getBytes(StandardCharsets.UTF_8),
                        r -> count(bogusOutcomes, r.code()));
            }, 0, 1_000_000 / bogusRate, TimeUnit.MICROSECONDS);
            Thread.sleep(TimeUnit.SECONDS.toMillis(bogusLead));
            Map<String, Object> bogusBefore = snapshot(bogusOutcomes);
            long bogusSentBefore = bogusSent.get();

            ResourceSampler.Mark from = sampler.mark();
            long start = System.nanoTime();
            CountDownLatch connected = new CountDownLatch(logins.size());
            Semaphore pending = new Semaphore(maxPending);
            for (int i = 0; i < logins.size(); i++) {
                pending.acquire();
                connect(client, logins.get(i), sources.forConnection(i), pending, connected, open, random);
            }
            LOG.infof("all %d devices started; waiting for their CONNACKs", logins.size());
            boolean all = connected.await(deadlineSeconds, TimeUnit.SECONDS);
            ResourceSampler.Mark to = sampler.mark();
            double connectSeconds = ((all ? lastAcceptedNanos.get() : System.nanoTime()) - start) / 1e9;
            flood.cancel(false);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("devices", logins.size());
            report.put("connected", logins.size() - connected.getCount());
            report.put("allConnected", all);
            report.put("connectSeconds", Math.round(connectSeconds * 100) / 100.0);
            report.put("deviceAttempts", attempts.get());
            report.put("deviceRefusals", snapshot(deviceRefusals));
            report.put("connackLatencyMs", Percentiles.of(latency));
            report.put("maxPending", maxPending);
            Map<String, Object> bogus = new LinkedHashMap<>();
            bogus.put("source", bogusSource);
            bogus.put("ratePerSecond", bogusRate);
            bogus.put("sentDuringStorm", bogusSent.get() - bogusSentBefore);
            bogus.put("outcomesBeforeStorm", bogusBefore);
            bogus.put("outcomesTotal", snapshot(bogusOutcomes));
            report.put("bogus", bogus);
            report.put("loadgenCpuPercent", ResourceSampler.ownCpuPercent(from, to));
            report.put("serverCpuPercent", ResourceSampler.targetCpuPercent(from, to));
            String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(report);
            System.out.println(json);
            if (out != null) {
                java.nio.file.Files.writeString(out, json);
            }
            return all ? 0 : 1;
        } finally {
            open.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void connect(StormClient client, MeterLogin login, InetAddress source, Semaphore pending,
                         CountDownLatch connected, ChannelGroup open, SecureRandom random) {
        attempts.incrementAndGet();
        client.attempt(source, login.meterId(), login.username(), login.password(), r -> {
            if (r.code() == 0) {
                pending.release();
                synchronized (latency) {
                    latency.recordValue(Math.min(r.micros(), latency.getHighestTrackableValue()));
                }
                open.add(r.channel());
                lastAcceptedNanos.accumulateAndGet(System.nanoTime(), Math::max);
                connected.countDown();
                return;
            }
            count(deviceRefusals, r.code());
            // Keeps its slot while it backs off, as the device would keep trying.
            r.channel().eventLoop().schedule(() -> connect(client, login, source, pending, connected, open, random),
                    100 + random.nextInt(200), TimeUnit.MILLISECONDS);
        });
    }

    private static void count(Map<String, AtomicLong> counts, int code) {
        String key = code == StormClient.NO_CONNACK ? "closed_without_connack" : String.format("0x%02X", code);
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static Map<String, Object> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Object> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
