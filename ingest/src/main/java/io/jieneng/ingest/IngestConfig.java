package io.jieneng.ingest;

import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.jieneng.ingest.reading.DecodeLimits;
import io.jieneng.ingest.server.TlsSettings;
import io.jieneng.store.StoreKind;
import io.jieneng.store.StoreSettings;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Everything ingest can be configured with. Both the standalone main and the in-process Quarkus app build it with
 * {@link #fromLookup}, so the same keys (environment variable names) work in both.
 *
 * @param mqttPort              0 binds any free port ({@code IngestServer.port()} tells which)
 * @param maxFuture             how far ahead of the server clock a reading's {@code ts} may lie
 * @param batchMaxDelay         how long the writer waits to fill a batch
 * @param maxPendingReadings    readings in flight above which socket reads pause
 * @param connectTimeout        how long a socket may stay open without completing CONNECT
 * @param quarantineMaxRows     the quarantine keeps this many newest rows
 * @param plainEnabled          false: no plain-TCP listener on {@code mqttPort} (TLS only, or only a bridge)
 * @param tls                   the TLS listener, or {@code null} when no certificate and key are configured
 * @param mqtt                  what MQTT clients are granted: receive maximum, topic aliases, sessions
 * @param limits                per-device message rate and per-address connection limits
 * @param storeWriters          batches written to the store at the same time; 0 = the store's default
 *                              ({@code Stores.writers})
 */
public record IngestConfig(String mqttHost, int mqttPort, boolean allowAnonymous, ZoneId zone,
                           StoreSettings store, int maxPayloadBytes, int maxReadingsPerMessage, Duration maxFuture,
                           int batchMaxReadings, Duration batchMaxDelay, int maxPendingReadings,
                           Duration connectTimeout, int quarantineMaxRows, int bcryptCost, boolean plainEnabled,
                           TlsSettings tls, MqttSettings mqtt, Limits limits, int storeWriters) {

    /** Reads the configuration; {@code env} returns {@code null} for a key that is not set. */
    public static IngestConfig fromLookup(Function<String, String> env) {
        Keys k = new Keys(env);
        StoreKind kind = k.choice("JIENENG_STORE", StoreKind.QUESTDB);
        StoreSettings store = new StoreSettings(kind,
                k.string("JIENENG_QUESTDB_URL", "http://127.0.0.1:9000"),
                k.string("JIENENG_QUESTDB_TABLE_PREFIX", ""),
                k.string("JIENENG_INFLUX_URL", "http://127.0.0.1:8086"),
                k.string("JIENENG_INFLUX_DB", "jieneng"),
                k.string("JIENENG_INFLUX_USER", null),
                k.string("JIENENG_INFLUX_PASSWORD", null));
        return new IngestConfig(
                k.string("JIENENG_MQTT_HOST", "0.0.0.0"),
                k.integer("JIENENG_MQTT_PORT", 1883, 0, 65535),
                k.bool("JIENENG_MQTT_ALLOW_ANONYMOUS", false),
                k.zone("JIENENG_TIMEZONE", "Asia/Shanghai"),
                store,
                k.integer("JIENENG_INGEST_MAX_PAYLOAD_BYTES", 65536, 1, 256 * 1024 * 1024),
                k.integer("JIENENG_INGEST_MAX_READINGS_PER_MESSAGE", 10_000, 1, Integer.MAX_VALUE),
                Duration.ofSeconds(k.integer("JIENENG_INGEST_MAX_FUTURE_SECONDS", 300, 0, Integer.MAX_VALUE)),
                k.integer("JIENENG_INGEST_BATCH_MAX_READINGS", 5000, 1, Integer.MAX_VALUE),
                Duration.ofMillis(k.integer("JIENENG_INGEST_BATCH_MAX_DELAY_MS", 0, 0, Integer.MAX_VALUE)),
                k.integer("JIENENG_INGEST_MAX_PENDING_READINGS", 200_000, 1, Integer.MAX_VALUE),
                Duration.ofSeconds(k.integer("JIENENG_INGEST_CONNECT_TIMEOUT_SECONDS", 10, 1, Integer.MAX_VALUE)),
                k.integer("JIENENG_INGEST_QUARANTINE_MAX_ROWS", 100_000, 1, Integer.MAX_VALUE),
                k.integer("JIENENG_BCRYPT_COST", 10, 4, 31),
                k.bool("JIENENG_MQTT_PLAIN_ENABLED", true),
                tls(k),
                new MqttSettings(k.integer("JIENENG_MQTT_RECEIVE_MAXIMUM", 100, 1, 65_535),
                        k.integer("JIENENG_MQTT_TOPIC_ALIAS_MAXIMUM", 16, 0, 65_535),
                        Duration.ofSeconds(k.integer("JIENENG_MQTT_SESSION_EXPIRY_MAX_SECONDS", 86_400, 0,
                                Integer.MAX_VALUE)),
                        k.integer("JIENENG_MQTT_MAX_SESSIONS", 100_000, 0, Integer.MAX_VALUE)),
                new Limits(k.decimal("JIENENG_INGEST_MAX_MESSAGES_PER_SECOND", 100, 0, 1e9),
                        k.integer("JIENENG_INGEST_MESSAGE_BURST", 200, 1, Integer.MAX_VALUE),
                        k.integer("JIENENG_INGEST_MAX_CONNECTIONS_PER_IP", 2000, 0, Integer.MAX_VALUE)),
                k.integer("JIENENG_INGEST_WRITERS", 0, 0, 64));
    }

    private static TlsSettings tls(Keys k) {
        String cert = k.string("JIENENG_MQTT_TLS_CERT", "");
        String key = k.string("JIENENG_MQTT_TLS_KEY", "");
        String ca = k.string("JIENENG_MQTT_TLS_CLIENT_CA", "");
        String auth = k.string("JIENENG_MQTT_TLS_CLIENT_AUTH", "");
        int port = k.integer("JIENENG_MQTT_TLS_PORT", 8883, 0, 65535);
        if (cert.isEmpty() != key.isEmpty()) {
            throw new IllegalArgumentException("JIENENG_MQTT_TLS_CERT and JIENENG_MQTT_TLS_KEY are set together: "
                    + "the TLS listener needs both the certificate chain and its private key");
        }
        if (cert.isEmpty()) {
            if (!ca.isEmpty() || !auth.isEmpty() && !auth.equalsIgnoreCase("none")) {
                throw new IllegalArgumentException("JIENENG_MQTT_TLS_CLIENT_CA and JIENENG_MQTT_TLS_CLIENT_AUTH "
                        + "need the TLS listener: set JIENENG_MQTT_TLS_CERT and JIENENG_MQTT_TLS_KEY");
            }
            return null;
        }
        TlsSettings.ClientAuth clientAuth;
        if (auth.isEmpty()) {
            clientAuth = ca.isEmpty() ? TlsSettings.ClientAuth.NONE : TlsSettings.ClientAuth.OPTIONAL;
        } else {
            clientAuth = switch (auth.toLowerCase(Locale.ROOT)) {
                case "none" -> TlsSettings.ClientAuth.NONE;
                case "optional" -> TlsSettings.ClientAuth.OPTIONAL;
                case "require" -> TlsSettings.ClientAuth.REQUIRE;
                default -> throw Keys.bad("JIENENG_MQTT_TLS_CLIENT_AUTH", auth, "none, optional or require");
            };
        }
        if (clientAuth != TlsSettings.ClientAuth.NONE && ca.isEmpty()) {
            throw new IllegalArgumentException("JIENENG_MQTT_TLS_CLIENT_AUTH='" + auth + "' needs "
                    + "JIENENG_MQTT_TLS_CLIENT_CA, the CA bundle that signs the device certificates");
        }
        return new TlsSettings(port, Path.of(cert), Path.of(key), ca.isEmpty() ? null : Path.of(ca), clientAuth);
    }

    /** The configuration with every key at its default. */
    public static IngestConfig defaults() {
        return fromLookup(key -> null);
    }

    /** The payload bounds of this configuration. */
    public DecodeLimits decodeLimits() {
        return new DecodeLimits(maxPayloadBytes, maxReadingsPerMessage, maxFuture);
    }

    /** Parses values with errors that name the key and the bad value. */
    private record Keys(Function<String, String> env) {

        String string(String key, String fallback) {
            String v = env.apply(key);
            return v == null ? fallback : v.trim();
        }

        int integer(String key, int fallback, int min, int max) {
            String v = string(key, null);
            if (v == null || v.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw bad(key, v, "an integer from " + min + " to " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(key, v, "an integer from " + min + " to " + max);
            }
        }

        double decimal(String key, double fallback, double min, double max) {
            String v = string(key, null);
            if (v == null || v.isEmpty()) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v);
                if (!(d >= min && d <= max)) {
                    throw bad(key, v, "a number from " + min + " to " + max);
                }
                return d;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number from " + min + " to " + max);
            }
        }

        boolean bool(String key, boolean fallback) {
            String v = string(key, null);
            if (v == null || v.isEmpty()) {
                return fallback;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw bad(key, v, "true or false");
            };
        }

        ZoneId zone(String key, String fallback) {
            String v = string(key, fallback);
            try {
                return ZoneId.of(v.isEmpty() ? fallback : v);
            } catch (DateTimeException e) {
                throw bad(key, v, "a time-zone id such as Asia/Shanghai");
            }
        }

        StoreKind choice(String key, StoreKind fallback) {
            String v = string(key, null);
            if (v == null || v.isEmpty()) {
                return fallback;
            }
            return StoreKind.fromConfigName(v.toLowerCase(Locale.ROOT)).orElseThrow(() -> bad(key, v,
                    "one of " + Arrays.stream(StoreKind.values()).map(StoreKind::configName).toList()));
        }

        static IllegalArgumentException bad(String key, String value, String expected) {
            return new IllegalArgumentException(key + "='" + value + "' is not valid: expected " + expected);
        }
    }
}
