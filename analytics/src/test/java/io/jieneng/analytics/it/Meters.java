package io.jieneng.analytics.it;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/** A real MQTT 3.1.1 device (Eclipse Paho) publishing through the platform's ingest. */
public final class Meters implements AutoCloseable {

    private final MqttClient client;

    private Meters(MqttClient client) {
        this.client = client;
    }

    /** Connects as {@code user} (a meter or gateway id) with its secret. */
    public static Meters connect(int port, String user, String secret) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, user + "-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(secret.toCharArray());
        options.setCleanSession(true);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return new Meters(client);
    }

    /** Publishes at QoS 1 and returns once the PUBACK arrived, i.e. once ingest says the data is durable. */
    public void publish(String meterId, String json) throws MqttException {
        client.publish("meters/" + meterId + "/readings", json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** A reading object at a local time, e.g. {@code reading("2026-03-10T00:05+08:00", "energyKwh", 1006.0)}. */
    public static String reading(String localTime, Object... fieldsAndValues) {
        StringBuilder sb = new StringBuilder("{\"ts\":").append(epochMillis(localTime));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            sb.append(",\"").append(fieldsAndValues[i]).append("\":").append(fieldsAndValues[i + 1]);
        }
        return sb.append('}').toString();
    }

    public static long epochMillis(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant().toEpochMilli();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
