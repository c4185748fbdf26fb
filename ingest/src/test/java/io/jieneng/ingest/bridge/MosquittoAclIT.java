package io.jieneng.ingest.bridge;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docker/mosquitto/acl, the Mosquitto equivalent of the EMQX ACL of the scale-out deployment, on a real Mosquitto
 * that {@code ./jieneng test} starts with it, a password file and {@code use_username_as_clientid}
 * ({@code JIENENG_TEST_MQTT_ACL_*}): devices publish only their own readings and receive nothing, the bridge user
 * receives through the shared group, and no device takes over the bridge's session with its client id.
 */
class MosquittoAclIT {

    private static final String BRIDGE_USER = "jieneng-bridge";
    private static final String SHARED = "$share/jieneng/meters/+/readings";
    private static final int NOT_AUTHORIZED = 0x87;

    private final List<MqttAsyncClient> clients = new ArrayList<>();

    @AfterEach
    void disconnectAll() throws MqttException {
        for (MqttAsyncClient c : clients) {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(5_000);
            }
            c.close();
        }
    }

    @Test
    void theBridgeReceivesADevicesOwnReadingsButNotThoseItPublishesForAnotherMeter() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttAsyncClient bridge = connect(BRIDGE_USER, "jieneng-bridge-" + UUID.randomUUID());
        IMqttToken sub = subscribe(bridge, SHARED, received);
        assertThat(sub.getReasonCodes()[0]).as("the bridge's shared subscription is granted").isEqualTo(1);

        MqttAsyncClient a = connect(device(0), "meter-" + UUID.randomUUID());
        IMqttToken own = a.publish("meters/" + device(0) + "/readings", "own".getBytes(StandardCharsets.UTF_8), 1,
                false);
        own.waitForCompletion(10_000);
        IMqttToken forged = a.publish("meters/" + device(1) + "/readings", "forged".getBytes(StandardCharsets.UTF_8),
                1, false);
        forged.waitForCompletion(10_000);
        assertThat(forged.getReasonCodes()[0]).as("PUBACK of a reading for another meter")
                .isEqualTo(NOT_AUTHORIZED);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("meters/" + device(0) + "/readings own");
        assertThat(received.poll(1, TimeUnit.SECONDS)).as("the forged reading never reaches the bridge").isNull();
    }

    /**
     * Mosquitto 2.0's acl_file has no "subscribe" access: it grants every SUBSCRIBE (SUBACK 1) and applies "read"
     * to each message it would deliver. So what a device may not read never reaches it, whatever it subscribed to.
     * (Its shared subscriptions are the exception: see docs/DEPLOY.md, "Mosquitto equivalent".)
     */
    @Test
    void aDeviceReceivesNoReadingWhateverItSubscribesTo() throws Exception {
        MqttAsyncClient a = connect(device(0), "meter-" + UUID.randomUUID());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        for (String filter : List.of("meters/+/readings", "meters/" + device(1) + "/readings", "#")) {
            subscribe(a, filter, received);
        }
        MqttAsyncClient b = connect(device(1), "meter-" + UUID.randomUUID());
        b.publish("meters/" + device(1) + "/readings", "b".getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);
        a.publish("meters/" + device(0) + "/readings", "a".getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);
        assertThat(received.poll(2, TimeUnit.SECONDS)).as("what device a received").isNull();
    }

    /**
     * The takeover of issue 12: a device connects with the bridge's client id. The broker names every client
     * after its user, so the bridge keeps its connection, its session and its share of the readings.
     */
    @Test
    void aDeviceUsingTheBridgesClientIdDoesNotTakeOverItsSession() throws Exception {
        String bridgeClientId = "jieneng-bridge-" + UUID.randomUUID();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttAsyncClient bridge = connect(BRIDGE_USER, bridgeClientId);
        subscribe(bridge, SHARED, received);

        MqttAsyncClient impostor = connect(device(0), bridgeClientId);
        // A takeover would disconnect the bridge at once; it must stay connected throughout.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(bridge::isConnected);
        assertThat(bridge.isConnected()).as("the bridge is still connected").isTrue();

        impostor.publish("meters/" + device(0) + "/readings", "x".getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);
        assertThat(received.poll(10, TimeUnit.SECONDS)).as("the bridge still receives the readings")
                .isEqualTo("meters/" + device(0) + "/readings x");
    }

    @Test
    void anAnonymousClientOrAWrongPasswordIsRefused() throws Exception {
        MqttAsyncClient anonymous = new MqttAsyncClient(url(), "anon-" + UUID.randomUUID(), new MemoryPersistence());
        clients.add(anonymous);
        assertThatThrownBy(() -> anonymous.connect(new MqttConnectionOptions()).waitForCompletion(10_000))
                .isInstanceOf(MqttException.class);
        MqttAsyncClient wrong = new MqttAsyncClient(url(), "wrong-" + UUID.randomUUID(), new MemoryPersistence());
        clients.add(wrong);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(BRIDGE_USER);
        o.setPassword("not-the-password".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> wrong.connect(o).waitForCompletion(10_000)).isInstanceOf(MqttException.class);
    }

    /**
     * Subscribes at QoS 1; each message the client receives arrives in {@code into} as "topic payload". Returns the
     * SUBACK's token. (Paho 1.2.5 fails on a per-subscription listener without subscription identifiers, so the
     * messages come through the client's callback, as in the bridge.)
     */
    private static IMqttToken subscribe(MqttAsyncClient client, String filter, BlockingQueue<String> into)
            throws MqttException {
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                into.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        IMqttToken t = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null,
                new MqttProperties());
        t.waitForCompletion(10_000);
        return t;
    }

    private MqttAsyncClient connect(String user, String clientId) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url(), clientId, new MemoryPersistence());
        clients.add(c);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(env("JIENENG_TEST_MQTT_ACL_PASSWORD").getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private static String device(int i) {
        return env("JIENENG_TEST_MQTT_ACL_DEVICES").split(" ")[i];
    }

    private static String url() {
        return "tcp://127.0.0.1:" + env("JIENENG_TEST_MQTT_ACL_PORT");
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            fail(name + " is not set: run the integration tests with ./jieneng test, which starts the Mosquitto "
                    + "with docker/mosquitto/acl and sets it");
        }
        return v;
    }
}
