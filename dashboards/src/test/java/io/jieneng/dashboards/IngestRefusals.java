package io.jieneng.dashboards;

import io.jieneng.devices.registry.RegistryDocument;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What the ingest-health dashboard is there to show, done once to a real ingest: a CONNECT with a wrong secret,
 * a malformed packet and a payload that is not JSON. Some counters are only registered when they first count, so
 * without this the scrape could not prove their names.
 */
final class IngestRefusals {

    private IngestRefusals() {
    }

    static void provoke(int port, RegistryDocument registry) throws Exception {
        String uri = "tcp://127.0.0.1:" + port;
        String meter = registry.meters().get(0).id();
        MqttConnectionOptions wrong = new MqttConnectionOptions();
        wrong.setUserName(meter);
        wrong.setPassword("not-the-secret".getBytes(StandardCharsets.UTF_8));
        MqttClient refused = new MqttClient(uri, "dash-refused", new MemoryPersistence());
        try {
            refused.connect(wrong);
            throw new IllegalStateException("ingest accepted a wrong secret");
        } catch (MqttException expected) {
            // 0x86 bad user name or password: counted in jieneng_ingest_connect_refused_total.
        } finally {
            refused.close(true);
        }

        MqttConnectionOptions right = new MqttConnectionOptions();
        right.setUserName(meter);
        right.setPassword(registry.meters().get(0).secret().getBytes(StandardCharsets.UTF_8));
        MqttClient client = new MqttClient(uri, "dash-invalid", new MemoryPersistence());
        client.connect(right);
        try {
            client.publish("meters/" + meter + "/readings", "not json".getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException expected) {
            // 0x99 payload format invalid: quarantined and counted in jieneng_ingest_rejected_total.
        }
        client.disconnect();
        client.close();

        // A CONNECT whose protocol name is cut short: a protocol violation, and a connection the server closes.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[]{0x10, 0x03, 0x00, 0x04, 'M'});
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // Drain until ingest closes the connection.
            }
        }
    }
}
