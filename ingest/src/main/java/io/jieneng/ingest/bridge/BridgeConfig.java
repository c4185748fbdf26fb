package io.jieneng.ingest.bridge;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the bridge reaches the external broker. Built from the same {@code JIENENG_BRIDGE_*} keys (environment
 * variable names) by the standalone main and the in-process ingest.
 *
 * @param url            the broker, {@code tcp://host:1883}, {@code ssl://host:8883}, {@code ws://} or {@code wss://}
 * @param user           user name, or {@code null} to send none
 * @param password       password, or {@code null} to send none
 * @param clientId       MQTT client id; the broker keeps this bridge's session (and what it has not acknowledged)
 *                       under it, so it must be stable across restarts and different for every bridge instance
 * @param group          the shared subscription group: instances in one group split the messages between them
 * @param topic          the topic filter inside the group
 * @param receiveMaximum how many unacknowledged messages the broker may have in flight to this bridge
 * @param sessionExpiry  how long the broker keeps the session (and the messages queued for it) while the bridge is
 *                       away
 * @param keepAlive      MQTT keepalive
 * @param bridgeOnly     true when the standalone ingest should run no MQTT listener of its own
 */
public record BridgeConfig(String url, String user, String password, String clientId, String group, String topic,
                           int receiveMaximum, Duration sessionExpiry, Duration keepAlive, boolean bridgeOnly) {

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    /**
     * Reads the bridge keys; empty when {@code JIENENG_BRIDGE_URL} is not set (bridge mode off). {@code env}
     * returns {@code null} for a key that is not set.
     *
     * @throws IllegalArgumentException naming the key and the value, for a value that is not valid
     */
    public static Optional<BridgeConfig> fromLookup(Function<String, String> env) {
        return fromLookup(env, BridgeConfig::localHostName);
    }

    static Optional<BridgeConfig> fromLookup(Function<String, String> env, Supplier<String> hostName) {
        String url = value(env, "JIENENG_BRIDGE_URL");
        if (url == null) {
            if (bool(env, "JIENENG_BRIDGE_ONLY", false)) {
                throw bad("JIENENG_BRIDGE_ONLY", "true", "false unless JIENENG_BRIDGE_URL is set: with neither "
                        + "the listener nor the bridge, nothing would receive readings");
            }
            return Optional.empty();
        }
        String clientId = value(env, "JIENENG_BRIDGE_CLIENT_ID");
        return Optional.of(new BridgeConfig(
                checkUrl(url),
                value(env, "JIENENG_BRIDGE_USER"),
                value(env, "JIENENG_BRIDGE_PASSWORD"),
                clientId != null ? clientId : defaultClientId(hostName.get()),
                checkGroup(value(env, "JIENENG_BRIDGE_GROUP"), "jieneng"),
                checkTopic(value(env, "JIENENG_BRIDGE_TOPIC"), "meters/+/readings"),
                integer(env, "JIENENG_BRIDGE_RECEIVE_MAXIMUM", 1000, 1, 65535),
                Duration.ofSeconds(integer(env, "JIENENG_BRIDGE_SESSION_EXPIRY_SECONDS", 3600, 1,
                        Integer.MAX_VALUE)),
                Duration.ofSeconds(integer(env, "JIENENG_BRIDGE_KEEPALIVE_SECONDS", 30, 1, 65535)),
                bool(env, "JIENENG_BRIDGE_ONLY", false)));
    }

    /** The filter actually subscribed: {@code $share/{group}/{topic}}. */
    public String sharedFilter() {
        return "$share/" + group + "/" + topic;
    }

    /** This configuration with another client id (each instance of a group needs its own). */
    public BridgeConfig withClientId(String id) {
        return new BridgeConfig(url, user, password, id, group, topic, receiveMaximum, sessionExpiry, keepAlive,
                bridgeOnly);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BridgeConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", clientId=" + clientId + ", filter=" + sharedFilter() + ", receiveMaximum=" + receiveMaximum
                + ", sessionExpiry=" + sessionExpiry + "]";
    }

    /** {@code jieneng-bridge-} and the host name: stable across restarts of one host (or StatefulSet pod). */
    static String defaultClientId(String hostName) {
        String host = hostName == null ? "" : hostName.replaceAll("[^A-Za-z0-9._-]", "");
        return "jieneng-bridge-" + (host.isEmpty() ? "localhost" : host);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String checkUrl(String url) {
        String expected = "tcp://host:port, ssl://host:port, ws://host:port/path or wss://host:port/path";
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw bad("JIENENG_BRIDGE_URL", url, expected);
            }
            return url;
        } catch (URISyntaxException e) {
            throw bad("JIENENG_BRIDGE_URL", url, expected);
        }
    }

    private static String checkGroup(String group, String fallback) {
        String g = group == null ? fallback : group;
        if (g.isEmpty() || g.indexOf('/') >= 0 || g.indexOf('+') >= 0 || g.indexOf('#') >= 0) {
            throw bad("JIENENG_BRIDGE_GROUP", g, "a name without '/', '+' or '#' (MQTT 5 §4.8.2)");
        }
        return g;
    }

    private static String checkTopic(String topic, String fallback) {
        String t = topic == null ? fallback : topic;
        String expected = "a topic filter such as meters/+/readings ('+' and '#' only as whole levels, '#' last; "
                + "the $share/ prefix comes from JIENENG_BRIDGE_GROUP)";
        if (t.startsWith("$") || t.isEmpty()) {
            throw bad("JIENENG_BRIDGE_TOPIC", t, expected);
        }
        String[] levels = t.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.equals("+") || level.equals("#");
            if (!wildcard && (level.contains("+") || level.contains("#"))
                    || level.equals("#") && i != levels.length - 1) {
                throw bad("JIENENG_BRIDGE_TOPIC", t, expected);
            }
        }
        return t;
    }

    private static String value(Function<String, String> env, String key) {
        String v = env.apply(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static int integer(Function<String, String> env, String key, int fallback, int min, int max) {
        String v = value(env, key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw bad(key, v, "an integer from " + min + " to " + max);
    }

    private static boolean bool(Function<String, String> env, String key, boolean fallback) {
        String v = value(env, key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    private static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException(key + "='" + value + "' is not valid: expected " + expected);
    }
}
