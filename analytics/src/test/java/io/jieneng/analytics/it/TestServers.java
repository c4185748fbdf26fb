package io.jieneng.analytics.it;

/** The real servers that {@code ./jieneng test} starts; a test that needs one fails loudly without it. */
public final class TestServers {

    private TestServers() {
    }

    public static String influxUrl() {
        return required("JIENENG_TEST_INFLUX_URL");
    }

    public static String mqttHost() {
        return required("JIENENG_TEST_MQTT_HOST");
    }

    public static String mqttPort() {
        return required("JIENENG_TEST_MQTT_PORT");
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the integration tests with ./jieneng test, "
                    + "which starts the real InfluxDB, PostgreSQL and Mosquitto they need");
        }
        return v;
    }
}
