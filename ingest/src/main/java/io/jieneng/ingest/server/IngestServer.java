package io.jieneng.ingest.server;

import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.Backpressure;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.connect.AuthCache;
import io.jieneng.ingest.mqtt.connect.Authenticator;
import io.jieneng.ingest.mqtt.limit.ConnectThrottle;
import io.jieneng.ingest.mqtt.limit.RateLimiter;
import io.jieneng.ingest.mqtt.publish.PublishPipeline;
import io.jieneng.ingest.mqtt.session.SessionStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT ingest endpoint: devices connect, publish readings, and get PUBACK/PUBREC once the readings are durable
 * in the store. Listens on plain TCP ({@code JIENENG_MQTT_PORT}, unless disabled) and on TLS
 * ({@code JIENENG_MQTT_TLS_PORT}, when a certificate and key are configured), with the same pipeline behind both.
 * Runs standalone ({@code IngestMain}) or inside the analytics application; either way the caller owns the
 * {@link IngestCore} (registry, store writer, quarantine) this listener feeds.
 */
public final class IngestServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestServer.class);
    private static final int AUTH_THREADS = 2;
    private static final int AUTH_QUEUE = 1024;
    private static final Duration AUTH_CACHE_TTL = Duration.ofMinutes(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final long SWEEP_SECONDS = 60;
    private static final long REVOCATION_MILLIS = 1000;

    private final IngestCore core;
    private final RegistryStore secrets;
    private final Disconnector disconnector;
    private final ChannelGroup channels = new DefaultChannelGroup("mqtt", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel plainChannel;
    private Channel tlsChannel;
    private boolean started;
    private ThreadPoolExecutor authExecutor;
    private boolean closed;

    /**
     * @param core    the shared pipeline this listener feeds; its owner closes it after this server
     * @param secrets where device secret hashes are read (off the event loops)
     */
    public IngestServer(IngestCore core, RegistryStore secrets) {
        this.core = core;
        this.secrets = secrets;
        this.disconnector = new Disconnector(core.metrics());
    }

    /**
     * Binds the configured listeners (epoll when available, else NIO). A TLS key or certificate that cannot be
     * used fails here, with the setting and the file in the message, before anything is bound. With neither
     * listener configured nothing is bound (ingest then only serves a bridge).
     */
    public synchronized void start() throws InterruptedException {
        if (started || closed) {
            throw new IllegalStateException("an IngestServer starts once");
        }
        started = true;
        IngestConfig config = core.config();
        SslContext tls = config.tls() == null ? null : TlsContexts.server(config.tls());
        IngestMetrics metrics = core.metrics();
        Backpressure backpressure = new Backpressure(List.of(core.writer(), core.quarantine()), metrics);
        authExecutor = new ThreadPoolExecutor(AUTH_THREADS, AUTH_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(AUTH_QUEUE), new DefaultThreadFactory("jieneng-ingest-auth", true));
        ConnectThrottle throttle = new ConnectThrottle(config.limits().failuresPerAddress(),
                config.limits().failuresPerUser(), System::nanoTime);
        Authenticator authenticator = new Authenticator(core.registry(), secrets, new DeviceSecrets(),
                new AuthCache(AUTH_CACHE_TTL), authExecutor, config.allowAnonymous(), throttle, metrics);
        PublishPipeline pipeline = new PublishPipeline(core.writer(), core.quarantine(), backpressure, metrics,
                disconnector, core.clock());
        SessionStore sessions = new SessionStore(config.mqtt().maxStoredSessions(), System::nanoTime, metrics);
        RateLimiter rateLimiter = new RateLimiter(config.limits(), System::nanoTime, metrics);
        MqttServices services = MqttServices.create(config.maxPayloadBytes(), config.connectTimeout(),
                config.mqtt(), config.limits(), metrics, channels, authenticator, backpressure, core.publish(),
                pipeline, sessions, rateLimiter);
        if (!config.plainEnabled() && tls == null) {
            LOG.info("No MQTT listener configured (JIENENG_MQTT_PLAIN_ENABLED=false and no TLS certificate)");
            return;
        }

        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("jieneng-mqtt-accept"))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("jieneng-mqtt-accept"));
        workers = epoll ? new EpollEventLoopGroup(0, new DefaultThreadFactory("jieneng-mqtt"))
                : new NioEventLoopGroup(0, new DefaultThreadFactory("jieneng-mqtt"));
        try {
            if (config.plainEnabled()) {
                plainChannel = bind(epoll, config.mqttHost(), config.mqttPort(), new MqttChannelInitializer(services));
                LOG.infof("MQTT ingest listening on %s (%s)", plainChannel.localAddress(), epoll ? "epoll" : "nio");
            }
            if (tls != null) {
                tlsChannel = bind(epoll, config.mqttHost(), config.tls().port(),
                        new MqttChannelInitializer(services, tls));
                LOG.infof("MQTT ingest listening with TLS on %s (client certificates: %s)",
                        tlsChannel.localAddress(), config.tls().clientAuth());
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        // Frees expired sessions and idle rate and failure buckets; all are also correct without it, only bigger.
        workers.next().scheduleAtFixedRate(() -> {
            sessions.sweep();
            rateLimiter.sweep();
            throttle.sweep();
        }, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        // A device disabled or removed by an import loses its open connections within a second of the new snapshot.
        workers.next().scheduleWithFixedDelay(new DeviceRevocation(core.registry(), channels, disconnector),
                REVOCATION_MILLIS, REVOCATION_MILLIS, TimeUnit.MILLISECONDS);
    }

    private Channel bind(boolean epoll, String host, int port, MqttChannelInitializer initializer)
            throws InterruptedException {
        return new ServerBootstrap().group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(host, port).sync().channel();
    }

    /** The bound plain-TCP MQTT port (the real one when configured with 0). */
    public int port() {
        if (plainChannel == null) {
            throw new IllegalStateException("no plain-TCP listener is running");
        }
        return ((InetSocketAddress) plainChannel.localAddress()).getPort();
    }

    /** The bound TLS port (the real one when configured with 0). */
    public int tlsPort() {
        if (tlsChannel == null) {
            throw new IllegalStateException("no TLS listener is running");
        }
        return ((InetSocketAddress) tlsChannel.localAddress()).getPort();
    }

    /**
     * Stops gracefully: stops accepting, lets the shared writers finish what they hold (so the acknowledgements
     * still go out), then disconnects the clients. What is still unwritten after the drain timeout was never
     * acknowledged, so devices resend it. The core's owner closes the core (and with it the sink) afterwards.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel listener : new Channel[]{plainChannel, tlsChannel}) {
            if (listener != null) {
                listener.close().syncUninterruptibly();
            }
        }
        channels.forEach(ch -> ch.eventLoop().execute(() -> ch.config().setAutoRead(false)));
        core.drain(DRAIN_TIMEOUT);
        // Queued behind the acknowledgements the writers just handed to the event loops.
        channels.forEach(ch -> ch.eventLoop().execute(() -> disconnector.disconnect(ch,
                MqttReasonCodes.Disconnect.SERVER_SHUTTING_DOWN, "the server is stopping")));
        if (workers != null) {
            workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        if (authExecutor != null) {
            authExecutor.shutdownNow();
        }
        LOG.info("MQTT ingest stopped");
    }
}
