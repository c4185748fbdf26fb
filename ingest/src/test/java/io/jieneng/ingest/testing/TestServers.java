package io.jieneng.ingest.testing;

/** The real servers that {@code ./jieneng test} starts; a test that needs one fails loudly without it. */
public final class TestServers {

    private TestServers() {
    }

    public static String influxUrl() {
        String v = System.getenv("JIENENG_TEST_INFLUX_URL");
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("JIENENG_TEST_INFLUX_URL is not set: run the integration tests with "
                    + "./jieneng test, which starts the real InfluxDB, PostgreSQL and Mosquitto they need");
        }
        return v;
    }
}
