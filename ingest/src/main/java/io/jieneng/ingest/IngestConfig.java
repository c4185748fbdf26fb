package io.jieneng.ingest;

import io.jieneng.ingest.reading.DecodeLimits;
import io.jieneng.ingest.sink.StoreKind;
import io.jieneng.ingest.sink.StoreSettings;

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
 */
public record IngestConfig(String mqttHost, int mqttPort, boolean allowAnonymous, ZoneId zone,
                           StoreSettings store, int maxPayloadBytes, int maxReadingsPerMessage, Duration maxFuture,
                           int batchMaxReadings, Duration batchMaxDelay, int maxPendingReadings,
                           Duration connectTimeout, int quarantineMaxRows, int bcryptCost) {

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
                Duration.ofMillis(k.integer("JIENENG_INGEST_BATCH_MAX_DELAY_MS", 50, 0, Integer.MAX_VALUE)),
                k.integer("JIENENG_INGEST_MAX_PENDING_READINGS", 200_000, 1, Integer.MAX_VALUE),
                Duration.ofSeconds(k.integer("JIENENG_INGEST_CONNECT_TIMEOUT_SECONDS", 10, 1, Integer.MAX_VALUE)),
                k.integer("JIENENG_INGEST_QUARANTINE_MAX_ROWS", 100_000, 1, Integer.MAX_VALUE),
                k.integer("JIENENG_BCRYPT_COST", 10, 4, 31));
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

        private static IllegalArgumentException bad(String key, String value, String expected) {
            return new IllegalArgumentException(key + "='" + value + "' is not valid: expected " + expected);
        }
    }
}
