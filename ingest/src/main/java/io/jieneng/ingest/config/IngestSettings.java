package io.jieneng.ingest.config;

import io.jieneng.ingest.server.TlsSettings;
import io.jieneng.store.ConfigValues;
import io.jieneng.store.StoreConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Every key the ingest reads, with its type, default and allowed values; the one place they are declared, except
 * the store's keys ({@code store}, {@code questdb.*}, {@code influx.*}), which the store module declares in the
 * {@link StoreConfig} this mapping extends. The
 * standalone ingest loads it with {@link Settings#load}; analytics' {@code JienengConfig} extends it, so the
 * in-process ingest and the rest of the platform read the very same keys. A property {@code jieneng.mqtt.port} is
 * set by the environment variable {@code JIENENG_MQTT_PORT} (SmallRye's mapping of environment names);
 * docs/CONFIG.md lists them all and a test keeps it in step with this interface.
 */
@ConfigMapping(prefix = "jieneng")
public interface IngestSettings extends StoreConfig {

    /** The deployment time zone: days, months and years are local to it. */
    @WithDefault("Asia/Shanghai")
    @WithConverter(Allowed.Zone.class)
    ZoneId timezone();

    /** bcrypt cost for hashing secrets and passwords on import. */
    @WithDefault("10")
    @WithConverter(Allowed.BcryptCost.class)
    int bcryptCost();

    /** Where the H2 registry (and, in analytics, the embedded QuestDB and the admin password) live. */
    @WithDefault("./data")
    Path dataDir();

    /** The relational database of the registry: H2 under the data directory unless a URL is set. */
    Db db();

    /** The MQTT listener. */
    Mqtt mqtt();

    /** Payload bounds, batching, abuse limits, the quarantine and the standalone operations endpoint. */
    Ingest ingest();

    /** Bridge mode: reading from an external broker's shared subscription. */
    Bridge bridge();

    interface Db {
        /** JDBC URL of the registry database. */
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();
    }

    interface Mqtt {
        @WithDefault("0.0.0.0")
        String host();

        @WithDefault("1883")
        @WithConverter(ConfigValues.Port.class)
        int port();

        /** Accept connections without credentials (they may publish nothing). */
        @WithDefault("false")
        @WithConverter(ConfigValues.Bool.class)
        boolean allowAnonymous();

        /** False: no plain-TCP listener (TLS only, or only a bridge). */
        @WithDefault("true")
        @WithConverter(ConfigValues.Bool.class)
        boolean plainEnabled();

        @WithDefault("100")
        @WithConverter(Allowed.Mqtt16.class)
        int receiveMaximum();

        @WithDefault("16")
        @WithConverter(Allowed.Mqtt16OrNone.class)
        int topicAliasMaximum();

        @WithDefault("86400")
        @WithConverter(Allowed.NonNegative.class)
        int sessionExpiryMaxSeconds();

        @WithDefault("100000")
        @WithConverter(Allowed.NonNegative.class)
        int maxSessions();

        Tls tls();
    }

    interface Tls {
        @WithDefault("8883")
        @WithConverter(ConfigValues.Port.class)
        int port();

        /** PEM certificate chain; with {@code key}, the TLS listener is on. */
        Optional<Path> cert();

        /** Its unencrypted PKCS#8 key. */
        Optional<Path> key();

        /** PEM bundle of the CAs that sign device certificates. */
        Optional<Path> clientCa();

        /** X.509 CRL (PEM or DER) of the client CA: a revoked device certificate fails the handshake. */
        Optional<Path> crl();

        /** Unset: {@code optional} with a client CA, else {@code none}. */
        @WithConverter(Allowed.ClientAuth.class)
        Optional<TlsSettings.ClientAuth> clientAuth();
    }

    interface Ingest {
        @WithDefault("65536")
        @WithConverter(Allowed.PayloadBytes.class)
        int maxPayloadBytes();

        @WithDefault("10000")
        @WithConverter(Allowed.Positive.class)
        int maxReadingsPerMessage();

        @WithDefault("300")
        @WithConverter(Allowed.NonNegative.class)
        int maxFutureSeconds();

        /** The oldest {@code ts} accepted for a meter without a commissioning date, in days before now. */
        @WithDefault("400")
        @WithConverter(Allowed.Positive.class)
        int maxAgeDays();

        @WithDefault("5000")
        @WithConverter(Allowed.Positive.class)
        int batchMaxReadings();

        @WithDefault("0")
        @WithConverter(Allowed.NonNegative.class)
        int batchMaxDelayMs();

        /** Store writes in flight; 0 = the store's default ({@code Stores.writers}). */
        @WithDefault("0")
        @WithConverter(Allowed.Writers.class)
        int writers();

        @WithDefault("200000")
        @WithConverter(Allowed.Positive.class)
        int maxPendingReadings();

        @WithDefault("10")
        @WithConverter(Allowed.Positive.class)
        int connectTimeoutSeconds();

        @WithDefault("100")
        @WithConverter(Allowed.Rate.class)
        double maxMessagesPerSecond();

        @WithDefault("200")
        @WithConverter(Allowed.Positive.class)
        int messageBurst();

        @WithDefault("2000")
        @WithConverter(Allowed.NonNegative.class)
        int maxConnectionsPerIp();

        /** Failed CONNECTs a source address (IPv6: its /64) may make at once before it is refused unheard. */
        @WithDefault("20")
        @WithConverter(Allowed.NonNegative.class)
        int connectFailureBurstPerIp();

        @WithDefault("60")
        @WithConverter(Allowed.PositiveDecimal.class)
        double connectFailuresPerMinutePerIp();

        /** Failed CONNECTs a device id may get at once before it is refused unheard. */
        @WithDefault("10")
        @WithConverter(Allowed.NonNegative.class)
        int connectFailureBurstPerUser();

        @WithDefault("6")
        @WithConverter(Allowed.PositiveDecimal.class)
        double connectFailuresPerMinutePerUser();

        /** How long a connection may leave its replies unread before it is closed. */
        @WithDefault("10")
        @WithConverter(Allowed.Positive.class)
        int writeStallSeconds();

        @WithDefault("100000")
        @WithConverter(Allowed.Positive.class)
        int quarantineMaxRows();

        /** The standalone ingest's {@code /metrics} and {@code /health/*}. */
        Metrics metrics();
    }

    interface Metrics {
        @WithDefault("0.0.0.0")
        String host();

        /** 9464 is the port registered for Prometheus exporters. */
        @WithDefault("9464")
        @WithConverter(ConfigValues.Port.class)
        int port();
    }

    interface Bridge {
        /** The external broker; unset = bridge mode off. */
        @WithConverter(Allowed.BrokerUrl.class)
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();

        /** Unset: {@code jieneng-bridge-} and the host name. */
        Optional<String> clientId();

        @WithDefault("jieneng")
        @WithConverter(Allowed.ShareGroup.class)
        String group();

        @WithDefault("meters/+/readings")
        @WithConverter(Allowed.TopicFilter.class)
        String topic();

        @WithDefault("1000")
        @WithConverter(Allowed.Mqtt16.class)
        int receiveMaximum();

        @WithDefault("3600")
        @WithConverter(Allowed.Positive.class)
        int sessionExpirySeconds();

        @WithDefault("30")
        @WithConverter(Allowed.Mqtt16.class)
        int keepaliveSeconds();

        /** The standalone ingest runs the bridge without its own MQTT listener. */
        @WithDefault("false")
        @WithConverter(ConfigValues.Bool.class)
        boolean only();
    }
}
