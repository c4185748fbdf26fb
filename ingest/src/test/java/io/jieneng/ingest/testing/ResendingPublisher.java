package io.jieneng.ingest.testing;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device that does what the contract asks of one: it publishes numbered messages at QoS 1, records every
 * PUBACK, and after any connection loss reconnects and resends every message it has no PUBACK for. Message
 * {@code i} holds readings {@code i * perMessage ... i * perMessage + perMessage - 1}; reading {@code k} is
 * at {@code startMillis + k * 1000} with {@code energyKwh = k}, so the store's content can be checked exactly.
 */
public final class ResendingPublisher implements AutoCloseable {

    private final String uri;
    private final String device;
    private final String meter;
    private final int messages;
    private final int perMessage;
    private final long startMillis;
    private final int window;
    private final Set<Integer> acked = ConcurrentHashMap.newKeySet();
    private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connects = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile MqttAsyncClient client;
    private volatile Semaphore permits;

    public ResendingPublisher(String uri, String meter, int messages, int perMessage, long startMillis, int window) {
        this.uri = uri;
        this.device = meter;
        this.meter = meter;
        this.messages = messages;
        this.perMessage = perMessage;
        this.startMillis = startMillis;
        this.window = window;
        this.thread = new Thread(this::run, "publisher-" + meter);
        this.thread.setDaemon(true);
    }

    public ResendingPublisher start() {
        thread.start();
        return this;
    }

    /** Message numbers that got a PUBACK: ingest said these readings are durable. */
    public Set<Integer> acked() {
        return Set.copyOf(acked);
    }

    public boolean done() {
        return acked.size() == messages;
    }

    /** How many times it (re)connected. */
    public int connects() {
        return connects.get();
    }

    public String meter() {
        return meter;
    }

    public int perMessage() {
        return perMessage;
    }

    public long startMillis() {
        return startMillis;
    }

    private void run() {
        while (!stopped && !done()) {
            MqttAsyncClient c = connect();
            if (c == null) {
                continue;
            }
            publishUntilLost(c);
        }
    }

    private MqttAsyncClient connect() {
        try {
            MqttAsyncClient c = new MqttAsyncClient(uri, device + "-" + System.nanoTime(), new MemoryPersistence());
            Semaphore p = new Semaphore(window);
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // Whatever was in flight on this connection is unacknowledged: it is sent again later.
                    inFlight.clear();
                    p.release(window);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setUserName(device);
            o.setPassword(TestRegistry.secret(device).toCharArray());
            o.setCleanSession(true);
            o.setAutomaticReconnect(false);
            o.setKeepAliveInterval(60);
            o.setMaxInflight(window);
            o.setConnectionTimeout(5);
            c.connect(o).waitForCompletion(10_000);
            connects.incrementAndGet();
            client = c;
            permits = p;
            return c;
        } catch (MqttException e) {
            // Ingest is down or restarting: try again shortly.
            pause();
            return null;
        }
    }

    private void publishUntilLost(MqttAsyncClient c) {
        Semaphore p = permits;
        while (!stopped && c.isConnected() && !done()) {
            int next = nextToSend();
            if (next < 0) {
                pause();
                continue;
            }
            try {
                if (!p.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                inFlight.add(next);
                c.publish("meters/" + meter + "/readings", payload(next), 1, false, null,
                        new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                acked.add(next);
                                inFlight.remove(next);
                                p.release();
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                inFlight.remove(next);
                                p.release();
                            }
                        });
            } catch (MqttException e) {
                inFlight.remove(next);
                p.release();
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closeQuietly(c);
    }

    private int nextToSend() {
        for (int i = 0; i < messages; i++) {
            if (!acked.contains(i) && !inFlight.contains(i)) {
                return i;
            }
        }
        return -1;
    }

    private byte[] payload(int message) {
        StringBuilder sb = new StringBuilder("[");
        for (int j = 0; j < perMessage; j++) {
            long k = (long) message * perMessage + j;
            if (j > 0) {
                sb.append(',');
            }
            sb.append("{\"ts\":").append(startMillis + k * 1000).append(",\"energyKwh\":").append(k).append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }

    private static void closeQuietly(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(2_000);
            }
            c.close(true);
        } catch (MqttException ignored) {
            // The connection is gone either way.
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
        MqttAsyncClient c = client;
        if (c != null) {
            closeQuietly(c);
        }
    }
}
