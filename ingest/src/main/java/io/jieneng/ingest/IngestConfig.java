package io.jieneng.ingest;

import io.jieneng.ingest.config.IngestSettings;
import io.jieneng.ingest.config.Settings;
import io.jieneng.ingest.mqtt.MqttSettings;
import io.jieneng.ingest.mqtt.limit.Limits;
import io.jieneng.ingest.reading.DecodeLimits;
import io.jieneng.ingest.server.TlsSettings;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything ingest runs with, as one value. Built by {@link #from} from the {@link IngestSettings} mapping, which
 * both the standalone main and the in-process Quarkus app load, so the same keys work in both.
 *
 * @param mqttPort              0 binds any free port ({@code IngestServer.port()} tells which)
 * @param maxFuture             how far ahead of the server clock a reading's {@code ts} may lie
 * @param maxAge                how far behind it the {@code ts} of a meter without a commissioning date may lie
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
                           int maxPayloadBytes, int maxReadingsPerMessage, Duration maxFuture, Duration maxAge,
                           int batchMaxReadings, Duration batchMaxDelay, int maxPendingReadings,
                           Duration connectTimeout, int quarantineMaxRows, int bcryptCost, boolean plainEnabled,
                           TlsSettings tls, MqttSettings mqtt, Limits limits, int storeWriters) {

    /**
     * The configuration {@code s} describes; checks the TLS keys against each other (each key's own value was
     * checked by its mapping).
     */
    public static IngestConfig from(IngestSettings s) {
        IngestSettings.Ingest in = s.ingest();
        IngestSettings.Mqtt mqtt = s.mqtt();
        return new IngestConfig(mqtt.host().trim(), mqtt.port(), mqtt.allowAnonymous(), s.timezone(),
                in.maxPayloadBytes(), in.maxReadingsPerMessage(),
                Duration.ofSeconds(in.maxFutureSeconds()), Duration.ofDays(in.maxAgeDays()), in.batchMaxReadings(),
                Duration.ofMillis(in.batchMaxDelayMs()), in.maxPendingReadings(),
                Duration.ofSeconds(in.connectTimeoutSeconds()), in.quarantineMaxRows(), s.bcryptCost(),
                mqtt.plainEnabled(), tls(mqtt.tls()),
                new MqttSettings(mqtt.receiveMaximum(), mqtt.topicAliasMaximum(),
                        Duration.ofSeconds(mqtt.sessionExpiryMaxSeconds()), mqtt.maxSessions()),
                new Limits(in.maxMessagesPerSecond(), in.messageBurst(), in.maxConnectionsPerIp(),
                        new Limits.FailureBudget(in.connectFailureBurstPerIp(), in.connectFailuresPerMinutePerIp()),
                        new Limits.FailureBudget(in.connectFailureBurstPerUser(),
                                in.connectFailuresPerMinutePerUser()),
                        Duration.ofSeconds(in.writeStallSeconds())),
                in.writers());
    }

    private static TlsSettings tls(IngestSettings.Tls t) {
        if (t.cert().isPresent() != t.key().isPresent()) {
            throw new IllegalArgumentException("JIENENG_MQTT_TLS_CERT and JIENENG_MQTT_TLS_KEY are set together: "
                    + "the TLS listener needs both the certificate chain and its private key");
        }
        Optional<TlsSettings.ClientAuth> auth = t.clientAuth();
        if (t.cert().isEmpty()) {
            if (t.clientCa().isPresent() || t.crl().isPresent()
                    || auth.isPresent() && auth.get() != TlsSettings.ClientAuth.NONE) {
                throw new IllegalArgumentException("JIENENG_MQTT_TLS_CLIENT_CA, JIENENG_MQTT_TLS_CLIENT_AUTH and "
                        + "JIENENG_MQTT_TLS_CRL "
                        + "need the TLS listener: set JIENENG_MQTT_TLS_CERT and JIENENG_MQTT_TLS_KEY");
            }
            return null;
        }
        TlsSettings.ClientAuth clientAuth = auth.orElse(t.clientCa().isEmpty() ? TlsSettings.ClientAuth.NONE
                : TlsSettings.ClientAuth.OPTIONAL);
        if (clientAuth != TlsSettings.ClientAuth.NONE && t.clientCa().isEmpty()) {
            throw new IllegalArgumentException("JIENENG_MQTT_TLS_CLIENT_AUTH='" + clientAuth.name()
                    .toLowerCase(Locale.ROOT) + "' needs JIENENG_MQTT_TLS_CLIENT_CA, the CA bundle that signs the "
                    + "device certificates");
        }
        if (t.crl().isPresent() && clientAuth == TlsSettings.ClientAuth.NONE) {
            throw new IllegalArgumentException("JIENENG_MQTT_TLS_CRL revokes client certificates: it needs "
                    + "JIENENG_MQTT_TLS_CLIENT_CA (and JIENENG_MQTT_TLS_CLIENT_AUTH optional or require)");
        }
        return new TlsSettings(t.port(), t.cert().get(), t.key().get(), t.clientCa().orElse(null), clientAuth,
                t.crl().orElse(null));
    }

    /** The configuration with every key at its default. */
    public static IngestConfig defaults() {
        return from(Settings.ingest(Map.of()));
    }

    /** The payload bounds of this configuration. */
    public DecodeLimits decodeLimits() {
        return new DecodeLimits(maxPayloadBytes, maxReadingsPerMessage, maxFuture, maxAge);
    }
}
