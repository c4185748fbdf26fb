package io.jieneng.ingest.bridge;

import io.jieneng.ingest.config.IngestSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the bridge reaches the external broker. Built from the {@code JIENENG_BRIDGE_*} keys of {@link IngestSettings}
 * by the standalone main and the in-process ingest.
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

    /**
     * The bridge {@code b} describes; empty when {@code JIENENG_BRIDGE_URL} is not set (bridge mode off).
     *
     * @throws IllegalArgumentException when {@code JIENENG_BRIDGE_ONLY} is set without a bridge
     */
    public static Optional<BridgeConfig> from(IngestSettings.Bridge b) {
        return from(b, BridgeConfig::localHostName);
    }

    static Optional<BridgeConfig> from(IngestSettings.Bridge b, Supplier<String> hostName) {
        if (b.url().isEmpty()) {
            if (b.only()) {
                throw new IllegalArgumentException("JIENENG_BRIDGE_ONLY='true' is not valid: expected false unless "
                        + "JIENENG_BRIDGE_URL is set: with neither the listener nor the bridge, nothing would "
                        + "receive readings");
            }
            return Optional.empty();
        }
        return Optional.of(new BridgeConfig(b.url().get(), trimmed(b.user()), trimmed(b.password()),
                Optional.ofNullable(trimmed(b.clientId())).orElseGet(() -> defaultClientId(hostName.get())), b.group(),
                b.topic(), b.receiveMaximum(), Duration.ofSeconds(b.sessionExpirySeconds()),
                Duration.ofSeconds(b.keepaliveSeconds()), b.only()));
    }

    /** A blank value counts as unset. */
    private static String trimmed(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
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
}
