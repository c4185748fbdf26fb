package io.jieneng.devices.sim.mqtt;

import io.jieneng.devices.sim.payload.Payload;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT 5 connection of the simulator (Eclipse Paho): a persistent session (clean start off, one day of
 * session expiry), QoS 1, automatic reconnect, and at most {@code maxInFlight} unacknowledged messages, fewer if
 * the broker's receive maximum is lower. A message counts as sent only when its PUBACK arrives with a success
 * code. While the connection is down Paho keeps the unacknowledged messages in its session state and resends
 * them after reconnecting, so the link waits rather than resending itself. A refusal (PUBACK reason code ≥ 0x80)
 * is logged as an error and counted; only the transient ones (server busy, quota exceeded) are retried, a few
 * times. Used by one thread.
 */
public final class MqttLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttLink.class);

    static final long SESSION_EXPIRY_SECONDS = 86_400L;
    private static final int QOS = 1;
    private static final long ACK_WAIT_MILLIS = 30_000L;
    private static final long CONNECT_WAIT_MILLIS = 15_000L;
    private static final long MAX_CONNECT_BACKOFF_MILLIS = 30_000L;
    private static final int MAX_RECONNECT_DELAY_SECONDS = 10;
    private static final int MAX_TRANSIENT_ATTEMPTS = 4;
    private static final long STILL_WAITING_LOG_MILLIS = 60_000L;

    private final MeterGroup group;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final PublishStats stats;
    private final CountDownLatch stop;
    private final int maxInFlight;
    private final ArrayDeque<PendingPublish> inFlight = new ArrayDeque<>();
    /** Published and not yet acknowledged, including the one being waited for; read by the callback thread. */
    private final Set<PendingPublish> unacknowledged = ConcurrentHashMap.newKeySet();
    private long acknowledgedReadings;
    private long refusedReadings;
    /** Notified when an acknowledgement arrives or the connection comes or goes. */
    private final Object progress = new Object();
    private int window;

    /**
     * @param serverUri   for example {@code tcp://127.0.0.1:1883}
     * @param maxInFlight the most unacknowledged messages to allow
     * @param stop        counted down to stop waiting and give up
     */
    public MqttLink(String serverUri, MeterGroup group, int maxInFlight, PublishStats stats, CountDownLatch stop)
            throws MqttException {
        this.group = group;
        this.stats = stats;
        this.stop = stop;
        this.maxInFlight = maxInFlight;
        this.window = maxInFlight;
        this.client = new MqttAsyncClient(serverUri, group.clientId(), new MemoryPersistence());
        this.client.setCallback(new LinkCallback(group.clientId(), stats, unacknowledged, this::signalProgress));
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(Math.max(100, maxInFlight * 2));
        buffer.setPersistBuffer(false);
        buffer.setDeleteOldestMessages(false);
        this.client.setBufferOpts(buffer);
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, MAX_RECONNECT_DELAY_SECONDS);
        // Paho 1.2.5 keeps the reconnect delay in a static field that every client doubles on each failed
        // attempt, and caps it with this setting (ms, default 128 s) rather than the one above: without it, one
        // broker restart leaves most of the simulator's clients waiting two minutes to reconnect.
        options.setMaxReconnectDelay(MAX_RECONNECT_DELAY_SECONDS * 1000);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setUserName(group.username());
        options.setPassword(group.password().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Connects, retrying with back-off while the broker cannot be reached.
     *
     * @return false when stopped, or when the broker refused the credentials (logged)
     */
    public boolean connect() throws InterruptedException {
        long backoff = 1_000L;
        boolean warned = false;
        while (!stopped()) {
            try {
                IMqttToken token = client.connect(options);
                token.waitForCompletion(CONNECT_WAIT_MILLIS);
                MqttProperties props = token.getResponseProperties();
                Integer receiveMaximum = props == null ? null : props.getReceiveMaximum();
                window = Math.min(maxInFlight, receiveMaximum == null ? 65_535 : receiveMaximum);
                LOG.debugf("%s connected (session present: %s, in-flight window %d)", group.clientId(),
                        token.getSessionPresent(), window);
                return true;
            } catch (MqttException e) {
                int code = e.getReasonCode();
                if (ReasonCodes.isFailure(code) && !ReasonCodes.isTransient(code)) {
                    stats.error("connect refused " + ReasonCodes.describe(code));
                    LOG.errorf("the broker refused %s: CONNACK %s; its %d meter(s) will not publish", group.clientId(),
                            ReasonCodes.describe(code), group.meters().size());
                    return false;
                }
                stats.error("connect failed");
                if (!warned) {
                    LOG.warnf("%s cannot connect yet (%s); retrying", group.clientId(), e.getMessage());
                    warned = true;
                }
                if (stop.await(backoff, TimeUnit.MILLISECONDS)) {
                    return false;
                }
                backoff = Math.min(backoff * 2, MAX_CONNECT_BACKOFF_MILLIS);
            }
        }
        return false;
    }

    /** Publishes at QoS 1, first waiting for the oldest message's PUBACK when the in-flight window is full. */
    public void publish(String topic, Payload payload) throws InterruptedException {
        while (inFlight.size() >= window && !stopped()) {
            settle(inFlight.pollFirst());
        }
        PendingPublish p = send(topic, payload, 1);
        if (p != null) {
            inFlight.addLast(p);
        }
    }

    /** Waits for the acknowledgement of every message published so far (or for the stop signal). */
    public void drain() throws InterruptedException {
        while (!inFlight.isEmpty() && !stopped()) {
            settle(inFlight.pollFirst());
        }
    }

    /** Readings of this link the broker has acknowledged so far. */
    public long acknowledgedReadings() {
        return acknowledgedReadings;
    }

    /** Readings of this link that were refused or could not be published. */
    public long refusedReadings() {
        return refusedReadings;
    }

    @Override
    public void close() {
        if (!unacknowledged.isEmpty()) {
            int readings = unacknowledged.stream().mapToInt(p -> p.payload().readings()).sum();
            LOG.warnf("%s stops with %d message(s), %d reading(s), not acknowledged; a restart sends them again",
                    group.clientId(), unacknowledged.size(), readings);
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000L).waitForCompletion(5_000L);
            }
        } catch (MqttException e) {
            LOG.debugf("%s: disconnect: %s", group.clientId(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debugf("%s: close: %s", group.clientId(), e.getMessage());
        }
    }

    private PendingPublish send(String topic, Payload payload, int attempt) throws InterruptedException {
        MqttMessage message = new MqttMessage(payload.json(), QOS, false, new MqttProperties());
        while (!stopped()) {
            try {
                PendingPublish p = new PendingPublish(topic, payload, attempt, client.publish(topic, message));
                unacknowledged.add(p);
                return p;
            } catch (MqttException e) {
                int code = e.getReasonCode();
                if (code == MqttClientException.REASON_CODE_MAX_INFLIGHT && !inFlight.isEmpty()) {
                    // The broker lowered its receive maximum on a reconnect: shrink to what Paho allows.
                    window = Math.max(1, inFlight.size());
                    settle(inFlight.pollFirst());
                } else if (isPassing(code)) {
                    waitForProgress(1_000L);
                } else {
                    stats.failed(payload.readings(), "publish failed " + code);
                    refusedReadings += payload.readings();
                    LOG.errorf(e, "%s could not publish %d reading(s) to %s", group.clientId(), payload.readings(),
                            topic);
                    return null;
                }
            }
        }
        return null;
    }

    /** States of the client that pass by themselves: the message is refused now but would be taken later. */
    private static boolean isPassing(int code) {
        return code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || code == MqttClientException.REASON_CODE_DISCONNECTED_BUFFER_FULL
                || code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                || code == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
                || code == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS;
    }

    /** Waits for one message's PUBACK and accounts for it. */
    private void settle(PendingPublish p) throws InterruptedException {
        if (p == null || !awaitCompletion(p)) {
            return;
        }
        unacknowledged.remove(p);
        MqttException failure = p.token().getException();
        if (failure != null) {
            stats.failed(p.payload().readings(), "publish failed " + failure.getReasonCode());
            refusedReadings += p.payload().readings();
            LOG.errorf(failure, "%s: a message of %d reading(s) to %s failed", group.clientId(),
                    p.payload().readings(), p.topic());
            return;
        }
        int code = reasonCode(p.token());
        if (!ReasonCodes.isFailure(code)) {
            stats.acknowledged(p.payload().readings());
            acknowledgedReadings += p.payload().readings();
            return;
        }
        String kind = "puback " + ReasonCodes.describe(code);
        if (ReasonCodes.isTransient(code) && p.attempt() < MAX_TRANSIENT_ATTEMPTS) {
            stats.error(kind + " (retried)");
            LOG.warnf("%s: PUBACK %s for %d reading(s) to %s; retrying (attempt %d)", group.clientId(),
                    ReasonCodes.describe(code), p.payload().readings(), p.topic(), p.attempt() + 1);
            if (stop.await(1_000L * p.attempt(), TimeUnit.MILLISECONDS)) {
                return;
            }
            settle(send(p.topic(), p.payload(), p.attempt() + 1));
            return;
        }
        stats.failed(p.payload().readings(), kind);
        refusedReadings += p.payload().readings();
        LOG.errorf("%s: the broker refused %d reading(s) to %s: PUBACK %s", group.clientId(),
                p.payload().readings(), p.topic(), ReasonCodes.describe(code));
    }

    /** @return true once the token is complete, false when stopped first */
    private boolean awaitCompletion(PendingPublish p) throws InterruptedException {
        try {
            p.token().waitForCompletion(ACK_WAIT_MILLIS);
            return true;
        } catch (MqttException e) {
            if (p.token().isComplete()) {
                return true;
            }
            // Timed out or disconnected. The token keeps that exception and would rethrow it at once, so from
            // here on watch isComplete(); Paho resends the message itself after reconnecting.
        }
        long waitingSince = System.nanoTime();
        long lastLog = waitingSince;
        while (!p.token().isComplete()) {
            if (stopped()) {
                return false;
            }
            waitForProgress(1_000L);
            long now = System.nanoTime();
            if (now - lastLog > TimeUnit.MILLISECONDS.toNanos(STILL_WAITING_LOG_MILLIS)) {
                LOG.warnf("%s: still waiting for the PUBACK of %d reading(s) to %s after %d s (connected: %s)",
                        group.clientId(), p.payload().readings(), p.topic(),
                        TimeUnit.NANOSECONDS.toSeconds(now - waitingSince), client.isConnected());
                lastLog = now;
            }
        }
        return true;
    }

    private void waitForProgress(long millis) throws InterruptedException {
        synchronized (progress) {
            progress.wait(millis);
        }
    }

    private void signalProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    private static int reasonCode(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }
}
