package io.jieneng.ingest.ops;

import io.jieneng.ingest.config.IngestSettings;

/**
 * Where the standalone ingest serves {@code /metrics} and {@code /health/*}.
 *
 * @param host the address to bind
 * @param port the port; 0 binds any free port ({@link OpsServer#port()} tells which)
 */
public record OpsConfig(String host, int port) {

    /** From {@code JIENENG_INGEST_METRICS_HOST} and {@code JIENENG_INGEST_METRICS_PORT}. */
    public static OpsConfig from(IngestSettings.Metrics m) {
        return new OpsConfig(m.host().trim(), m.port());
    }
}
