package io.jieneng.ingest.ops;

import java.util.function.Function;

/**
 * Where the standalone ingest serves {@code /metrics} and {@code /health/*}.
 *
 * @param host the address to bind
 * @param port the port; 0 binds any free port ({@link OpsServer#port()} tells which)
 */
public record OpsConfig(String host, int port) {

    /**
     * Reads {@code JIENENG_INGEST_METRICS_HOST} (default {@code 0.0.0.0}) and {@code JIENENG_INGEST_METRICS_PORT}
     * (default 9464, the port registered for Prometheus exporters); {@code env} returns {@code null} for a key
     * that is not set.
     *
     * @throws IllegalArgumentException naming the key and the value, for a value that is not valid
     */
    public static OpsConfig fromLookup(Function<String, String> env) {
        String host = env.apply("JIENENG_INGEST_METRICS_HOST");
        String port = env.apply("JIENENG_INGEST_METRICS_PORT");
        return new OpsConfig(host == null || host.isBlank() ? "0.0.0.0" : host.trim(),
                port == null || port.isBlank() ? 9464 : parsePort(port.trim()));
    }

    private static int parsePort(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new IllegalArgumentException("JIENENG_INGEST_METRICS_PORT='" + value
                + "' is not valid: expected an integer from 0 (any free port) to 65535");
    }
}
