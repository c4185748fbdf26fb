package io.jieneng.ingest.config;

import io.jieneng.ingest.server.TlsSettings;
import io.jieneng.store.ConfigValues.IntRange;
import io.jieneng.store.ConfigValues.NotAllowed;
import org.eclipse.microprofile.config.spi.Converter;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * The values a configuration key allows, as SmallRye converters named on the key with {@code @WithConverter}, so
 * that the key's type, default and validation sit together in its mapping. A converter refuses a value with
 * {@link NotAllowed}, whose message says what is allowed; {@link Settings} adds the key to it. The checks the store
 * keys need too (a port, a boolean, the integer range these build on) are in the store module's
 * {@link io.jieneng.store.ConfigValues}, which the other mappings name as well.
 */
public final class Allowed {

    private Allowed() {
    }

    /** A count or duration of at least 1. */
    public static final class Positive extends IntRange {
        public Positive() {
            super(1, Integer.MAX_VALUE, "");
        }
    }

    /** A count or duration of at least 0. */
    public static final class NonNegative extends IntRange {
        public NonNegative() {
            super(0, Integer.MAX_VALUE, "");
        }
    }

    /** A 16-bit MQTT quantity of at least 1 (receive maximum, keepalive). */
    public static final class Mqtt16 extends IntRange {
        public Mqtt16() {
            super(1, 65_535, "");
        }
    }

    /** A 16-bit MQTT quantity where 0 means none (topic alias maximum). */
    public static final class Mqtt16OrNone extends IntRange {
        public Mqtt16OrNone() {
            super(0, 65_535, " (0 = none)");
        }
    }

    /** bcrypt's cost factor: jBCrypt accepts 4 to 31. */
    public static final class BcryptCost extends IntRange {
        public BcryptCost() {
            super(4, 31, "");
        }
    }

    /** Store writers in flight; each holds a connection, so the count is bounded. */
    public static final class Writers extends IntRange {
        public Writers() {
            super(0, 64, " (0 = the store's default)");
        }
    }

    /** A payload bound up to 256 MiB, MQTT's largest packet. */
    public static final class PayloadBytes extends IntRange {
        public PayloadBytes() {
            super(1, 256 * 1024 * 1024, "");
        }
    }

    /** A finite decimal that a test allows. */
    public abstract static class DecimalRange implements Converter<Double> {
        private final DoublePredicate allowed;
        private final String expected;

        protected DecimalRange(DoublePredicate allowed, String expected) {
            this.allowed = allowed;
            this.expected = expected;
        }

        @Override
        public Double convert(String value) {
            try {
                double d = Double.parseDouble(value.trim());
                if (Double.isFinite(d) && allowed.test(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new NotAllowed(expected);
        }
    }

    /** A rate in messages per second; decimals allowed, 0 = no limit. */
    public static final class Rate extends DecimalRange {
        public Rate() {
            super(d -> d >= 0 && d <= 1e9, "a number from 0 (no limit) to 1000000000");
        }
    }

    /** A share from 0 to 1 (completeness, ratios). */
    public static final class Share extends DecimalRange {
        public Share() {
            super(d -> d >= 0 && d <= 1, "a number from 0 to 1");
        }
    }

    /** A positive decimal (a limit such as a PUE). */
    public static final class PositiveDecimal extends DecimalRange {
        public PositiveDecimal() {
            super(d -> d > 0, "a number above 0");
        }
    }

    /** A time-zone id. */
    public static final class Zone implements Converter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value.trim());
            } catch (DateTimeException e) {
                throw new NotAllowed("a time-zone id such as Asia/Shanghai or UTC");
            }
        }
    }

    /** Client-certificate authentication on the TLS listener. */
    public static final class ClientAuth implements Converter<TlsSettings.ClientAuth> {
        @Override
        public TlsSettings.ClientAuth convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> TlsSettings.ClientAuth.NONE;
                case "optional" -> TlsSettings.ClientAuth.OPTIONAL;
                case "require" -> TlsSettings.ClientAuth.REQUIRE;
                default -> throw new NotAllowed("none, optional or require");
            };
        }
    }

    /** The external broker of the bridge: an MQTT URL Paho connects to. */
    public static final class BrokerUrl implements Converter<String> {
        private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

        @Override
        public String convert(String value) {
            String url = value.trim();
            if (url.isEmpty()) {
                return null; // blank: bridge mode off, as when unset
            }
            try {
                URI uri = new URI(url);
                if (uri.getScheme() != null && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                        && uri.getHost() != null) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // refused below
            }
            throw new NotAllowed("tcp://host:port, ssl://host:port, ws://host:port/path or wss://host:port/path");
        }
    }

    /** A shared-subscription group name (MQTT 5 §4.8.2). */
    public static final class ShareGroup implements Converter<String> {
        @Override
        public String convert(String value) {
            String g = value.trim();
            if (g.isEmpty() || g.indexOf('/') >= 0 || g.indexOf('+') >= 0 || g.indexOf('#') >= 0) {
                throw new NotAllowed("a name without '/', '+' or '#' (MQTT 5 §4.8.2)");
            }
            return g;
        }
    }

    /** A topic filter inside a shared subscription. */
    public static final class TopicFilter implements Converter<String> {
        @Override
        public String convert(String value) {
            String t = value.trim();
            NotAllowed refused = new NotAllowed("a topic filter such as meters/+/readings ('+' and '#' only as "
                    + "whole levels, '#' last; the $share/ prefix comes from JIENENG_BRIDGE_GROUP)");
            if (t.startsWith("$") || t.isEmpty()) {
                throw refused;
            }
            String[] levels = t.split("/", -1);
            for (int i = 0; i < levels.length; i++) {
                String level = levels[i];
                boolean wildcard = level.equals("+") || level.equals("#");
                if (!wildcard && (level.contains("+") || level.contains("#"))
                        || level.equals("#") && i != levels.length - 1) {
                    throw refused;
                }
            }
            return t;
        }
    }
}
