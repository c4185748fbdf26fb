package io.jieneng.ingest.mqtt.limit;

/**
 * Abuse limits that protect the shared endpoint from one device or one address.
 *
 * @param messagesPerSecond   sustained PUBLISH rate per device id, over all its connections; 0 disables the limit
 * @param messageBurst        PUBLISH packets a device may send at once before the rate applies (token bucket size)
 * @param maxConnectionsPerIp open sockets per source address; 0 means unlimited
 */
public record Limits(double messagesPerSecond, int messageBurst, int maxConnectionsPerIp) {

    public Limits {
        if (messagesPerSecond < 0 || Double.isNaN(messagesPerSecond) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("messagesPerSecond must be finite and at least 0");
        }
        if (messageBurst < 1) {
            throw new IllegalArgumentException("messageBurst must be at least 1");
        }
        if (maxConnectionsPerIp < 0) {
            throw new IllegalArgumentException("maxConnectionsPerIp must be at least 0");
        }
    }

    /** True when devices are rate limited at all. */
    public boolean rateLimited() {
        return messagesPerSecond > 0;
    }
}
