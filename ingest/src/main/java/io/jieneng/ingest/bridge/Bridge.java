package io.jieneng.ingest.bridge;

import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.pipeline.Backoff;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bridge mode: reads meter readings from an external broker cluster (EMQX, HiveMQ, VerneMQ, Mosquitto) through an
 * MQTT 5 shared subscription ({@code $share/{group}/meters/+/readings}) and feeds them to the same
 * {@link IngestCore} as the MQTT listener. Instances in one group split the messages between them.
 *
 * <p>A message is acknowledged upstream (PUBACK) only after its readings are durable in the store, or after a
 * refused message is in the quarantine. The session is persistent (clean start off, a session
 * expiry), so whatever was not acknowledged when an instance stops or dies stays with the broker, which resends
 * it when the instance reconnects with the same client id. The broker has at most the Receive Maximum of
 * unacknowledged messages in flight to this bridge, which bounds its memory. The connection is re-established
 * with capped backoff for as long as the bridge runs.
 *
 * <p>One bridge per {@link IngestCore}: its gauges ({@value #CONNECTED}, {@value #IN_FLIGHT}) are registered in the
 * core's metrics once.
 */
public final class Bridge implements AutoCloseable {

    /** 1 while connected to the broker with the subscription in place, else 0. */
    public static final String CONNECTED = "jieneng.ingest.bridge.connected";
    /** Messages received on the current connection and not yet acknowledged to the broker. */
    public static final String IN_FLIGHT = "jieneng.ingest.bridge.inflight";

    /**
     * The subscription's QoS. Not 2: Paho 1.2.5 answers PUBREC on receipt and PUBCOMP on PUBREL by itself, manual
     * acknowledgements or not, so a QoS 2 message would be released by the broker before it is durable. Devices'
     * QoS 2 publishes reach the bridge at QoS 1 (MQTT 5 §3.8.4), and the store keeps one row per (meter, ts), so
     * a redelivery changes nothing.
     */
    static final int QOS = 1;

    private static final Logger LOG = Logger.getLogger(Bridge.class);
    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long QUIESCE_MILLIS = 5_000;

    private final BridgeConfig config;
    private final IngestCore core;
    private final BridgeIntake intake;
    private final AckLedger ledger = new AckLedger();
    private final ScheduledExecutorService connector;
    /** The client of the current connection attempt; a new one for every connection (see {@link #connect}). */
    private volatile MqttAsyncClient client;
    private Duration nextPause = RECONNECT.initial();
    private volatile boolean connected;
    private volatile boolean closing;
    private boolean started;

    /** Prepares the bridge; nothing connects before {@link #start()}. */
    public Bridge(BridgeConfig config, IngestCore core) {
        this.config = config;
        this.core = core;
        this.intake = new BridgeIntake(core);
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jieneng-bridge-connect");
            t.setDaemon(true);
            return t;
        });
        core.metrics().gauge(CONNECTED, "1 while the bridge is connected to the broker and subscribed",
                () -> connected ? 1 : 0);
        core.metrics().gauge(IN_FLIGHT, "Messages received from the broker and not yet acknowledged to it",
                ledger::open);
    }

    /** Connects and subscribes in the background, retrying until it succeeds; returns at once. */
    public synchronized void start() {
        if (started || closing) {
            return;
        }
        started = true;
        LOG.infof("Bridge starting: %s", config);
        connector.execute(this::connect);
    }

    public BridgeConfig config() {
        return config;
    }

    /** True while connected to the broker with the shared subscription in place. */
    public boolean isConnected() {
        return connected;
    }

    /** Messages received on the current connection and not yet acknowledged (at most the Receive Maximum). */
    public int inFlight() {
        return ledger.open();
    }

    /** {@link #close(Duration)} with 10 s for the store, as {@link IngestCore#close()} allows. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Stops taking messages, drains the core's writers (waiting at most {@code drainTimeout} for the store) so
     * that the acknowledgements of what they write go upstream, then disconnects. Whatever is not acknowledged by
     * then stays in the broker's session and is resent when a bridge with this client id connects again. Draining
     * closes the core's writers, so close the MQTT listener that shares the core first.
     */
    public void close(Duration drainTimeout) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        connector.shutdownNow();
        try {
            connector.awaitTermination(QUIESCE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        core.drain(drainTimeout);
        connected = false;
        int left = ledger.open();
        MqttAsyncClient c = client;
        if (c != null) {
            // The quiesce period lets the client send the acknowledgements the drain just queued.
            discard(c, true);
        }
        ledger.newConnection();
        LOG.infof("Bridge stopped; %d message(s) left unacknowledged for the broker to resend", left);
    }

    /**
     * One connection attempt, on the connector thread, with a client of its own: an acknowledgement that is late
     * for its connection then goes to the old, closed client and can never reach the broker on a new connection.
     */
    private void connect() {
        if (closing) {
            return;
        }
        long connection = ledger.newConnection();
        MqttAsyncClient c;
        try {
            // Nothing of a QoS 1 subscriber needs to survive the client: the broker holds what is unacknowledged.
            c = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
        } catch (MqttException | RuntimeException e) {
            retry("could not create its MQTT client for", e);
            return;
        }
        client = c;
        // Acknowledgements wait for durability, so they must not be sent when messageArrived returns.
        c.setManualAcks(true);
        c.setCallback(new Callback(c, connection));
        try {
            c.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onConnector(() -> subscribe(c));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    onConnector(() -> {
                        discard(c, false);
                        retry("could not connect to", error);
                    });
                }
            });
        } catch (MqttException | RuntimeException e) {
            discard(c, false);
            retry("could not connect to", e);
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        // A persistent session: the broker keeps the subscription and every unacknowledged message while we are away.
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        o.setReceiveMaximum(config.receiveMaximum());
        o.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        o.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        // Reconnection is ours: Paho's does not retry a first connection that failed.
        o.setAutomaticReconnect(false);
        // No Maximum Packet Size on purpose: a broker silently drops a message larger than the client's limit
        // (MQTT 5 §3.1.2.11.4), whereas an oversized payload that arrives is quarantined as payload_too_large.
        if (config.user() != null) {
            o.setUserName(config.user());
        }
        if (config.password() != null) {
            o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    /** Subscribes on every connection: a session that expired while we were away has lost the subscription. */
    private void subscribe(MqttAsyncClient c) {
        if (closing || c != client) {
            return;
        }
        try {
            c.subscribe(new MqttSubscription[]{new MqttSubscription(config.sharedFilter(), QOS)}, null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            onConnector(() -> subscribed(c, token.getReasonCodes()));
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable error) {
                            onConnector(() -> dropAndRetry(c, "could not subscribe at", error.toString()));
                        }
                    }, new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            dropAndRetry(c, "could not subscribe at", e.toString());
        }
    }

    private void subscribed(MqttAsyncClient c, int[] reasonCodes) {
        if (closing || c != client) {
            return;
        }
        int granted = reasonCodes == null || reasonCodes.length == 0 ? -1 : reasonCodes[0];
        if (granted < QOS || granted >= 0x80) {
            // Granted QoS 0 would mean nothing is ever acknowledged after durability: refuse to run that way.
            dropAndRetry(c, "was refused the subscription " + config.sharedFilter() + " at QoS " + QOS + " by",
                    String.format("reason code 0x%02X", granted));
            return;
        }
        nextPause = RECONNECT.initial();
        connected = true;
        LOG.infof("Bridge connected to %s as %s, subscribed to %s (QoS %d, receive maximum %d)", config.url(),
                config.clientId(), config.sharedFilter(), granted, config.receiveMaximum());
    }

    private void dropAndRetry(MqttAsyncClient c, String what, String why) {
        if (closing || c != client) {
            return;
        }
        LOG.errorf("Bridge %s %s: %s; reconnecting", what, config.url(), why);
        discard(c, true);
        retry("is reconnecting to", null);
    }

    /** Schedules the next attempt; runs on the connector thread. */
    private void retry(String what, Throwable error) {
        connected = false;
        if (closing) {
            return;
        }
        Duration pause = nextPause;
        nextPause = RECONNECT.next(pause);
        if (error != null) {
            LOG.warnf("Bridge %s %s: %s; retrying in %d ms", what, config.url(), error.toString(), pause.toMillis());
        }
        try {
            connector.schedule(this::connect, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // close() has begun
        }
    }

    /** Disconnects (politely when asked, so the session and its subscription stay) and frees the client. */
    private void discard(MqttAsyncClient c, boolean polite) {
        try {
            if (polite && c.isConnected()) {
                c.disconnect(QUIESCE_MILLIS).waitForCompletion(QUIESCE_MILLIS + 1_000);
            }
        } catch (MqttException e) {
            LOG.debugf("Bridge disconnect: %s", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException stillOpen) {
            // Connected or still connecting: Paho closes only a client that is disconnected.
            try {
                c.disconnectForcibly(0, 1_000, false);
                c.close(true);
            } catch (MqttException e) {
                LOG.debugf("Closing a bridge MQTT client: %s", e.toString());
            }
        }
    }

    private void onConnector(Runnable task) {
        try {
            connector.execute(task);
        } catch (RejectedExecutionException closed) {
            // close() has begun
        }
    }

    /** Paho's callbacks for one client; messageArrived runs on its callback thread and must never block. */
    private final class Callback implements MqttCallback {

        private final MqttAsyncClient owner;
        private final long connection;

        Callback(MqttAsyncClient owner, long connection) {
            this.owner = owner;
            this.connection = connection;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            var ticket = ledger.arrived(connection, message.getId(), message.getQos());
            if (ticket.isEmpty() || closing) {
                // Not acknowledged: the broker keeps it in this session and resends it.
                return;
            }
            try {
                intake.accept(message.getQos(), topic, message.getPayload(), () -> acknowledge(ticket.get()));
            } catch (RuntimeException e) {
                // Left unacknowledged; an exception thrown to Paho would close the connection.
                LOG.errorf(e, "Bridge could not process a message on %s", topic);
            }
        }

        private void acknowledge(AckLedger.Ticket ticket) {
            try {
                ledger.settle(ticket, owner::messageArrivedComplete);
            } catch (Exception e) {
                LOG.debugf("Acknowledgement of message %d not sent (the broker resends it): %s",
                        ticket.packetId(), e.toString());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            ledger.connectionLost(connection);
            if (owner == client) {
                connected = false;
            }
            if (closing) {
                return;
            }
            String why = response.getException() != null ? response.getException().toString()
                    : String.format("DISCONNECT 0x%02X %s", response.getReturnCode(),
                    response.getReasonString() == null ? "" : response.getReasonString());
            LOG.warnf("Bridge lost its connection to %s: %s", config.url(), why);
            onConnector(() -> {
                if (owner == client) {
                    discard(owner, false);
                    retry("is reconnecting to", null);
                }
            });
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warnf("Bridge MQTT error from %s: %s", config.url(), exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // The bridge publishes nothing.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Logged once subscribed.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
