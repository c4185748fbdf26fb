package io.jieneng.ingest.testing;

import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.bridge.BridgeConfig;
import io.jieneng.ingest.config.Settings;
import io.jieneng.ingest.ops.OpsConfig;

import java.util.Map;
import java.util.Optional;

/**
 * Builds the ingest's configuration values for tests from environment variables, through the real mapping, so the
 * tests set exactly the names a deployment sets and every value passes the same checks.
 */
public final class TestSettings {

    private TestSettings() {
    }

    /** The ingest configuration these environment variables give; unset keys take their defaults. */
    public static IngestConfig ingest(Map<String, String> env) {
        return IngestConfig.from(Settings.ingest(env));
    }

    /** The bridge these environment variables describe; empty without {@code JIENENG_BRIDGE_URL}. */
    public static Optional<BridgeConfig> bridge(Map<String, String> env) {
        return BridgeConfig.from(Settings.ingest(env).bridge());
    }

    /** The operations endpoint these environment variables describe. */
    public static OpsConfig ops(Map<String, String> env) {
        return OpsConfig.from(Settings.ingest(env).ingest().metrics());
    }
}
